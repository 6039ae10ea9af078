/**
 * One rule for every kind of session (customers, shop staff, platform operators): a password reset or
 * change ends every session signed in before it. Sessions are JWT cookies that cannot be recalled, so
 * each carries the moment its holder signed in, and the helper that reads the session on every request
 * compares it with the account's `password_changed_at`, a column it loads in the same query anyway.
 */

/** Written into the token once, when it is issued; kept through every refresh (unlike `iat`). */
export function stampSignedInAt(token: Record<string, unknown>, now = Date.now()): void {
  token.signedInAt = now;
}

/** The sign-in moment a session reports, or undefined for a token that never had one. */
export function signedInAtOf(token: Record<string, unknown>): number | undefined {
  return typeof token.signedInAt === 'number' ? token.signedInAt : undefined;
}

/**
 * Whether the password changed after this session signed in. A session that cannot say when it began
 * counts as older than any change; an account whose password never changed keeps its sessions.
 */
export function sessionPredatesPasswordChange(signedInAt: number | undefined, passwordChangedAt: Date | null | undefined): boolean {
  if (!passwordChangedAt) return false;
  return !((signedInAt ?? 0) >= passwordChangedAt.getTime());
}
