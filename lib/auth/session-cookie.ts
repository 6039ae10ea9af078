// Auth.js's session cookie, plain or __Secure- (https), whole or split into numbered chunks.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** Whether a request carries a customer session cookie (valid or not). Pure, so middleware can use it. */
export function hasSessionCookie(names: Iterable<string>): boolean {
  for (const name of names) if (SESSION_COOKIE.test(name)) return true;
  return false;
}
