/** What `outbox.last_error` keeps of a failed publish: enough to diagnose, never a key, bounded. */
export const MAX_ERROR_LENGTH = 500;

const REDACTED = '[redacted]';

/** The Inngest keys in the environment: never to appear in a stored error. */
export function inngestSecretsFromEnv(env: Record<string, string | undefined> = process.env): (string | undefined)[] {
  return [env.INNGEST_EVENT_KEY, env.INNGEST_SIGNING_KEY, env.INNGEST_SIGNING_KEY_FALLBACK];
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() hides the useful part (ECONNREFUSED, …) in `cause`.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/**
 * The error of a failed publish as stored text. Inngest's event URL carries the event key in its path
 * (`/e/<key>`) and a transport error may quote that URL, so keys are removed by value and by shape
 * before anything is written to the database or a log.
 */
export function describePublishError(error: unknown, secrets: (string | undefined)[] = inngestSecretsFromEnv()): string {
  let text = messageOf(error);
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real keys are long.
    if (secret && secret.trim().length >= 8) text = text.split(secret).join(REDACTED);
  }
  text = text
    .replace(/\/e\/[^/\s?#"']+/g, `/e/${REDACTED}`)
    .replace(/\/\/[^/\s@]+@/g, '//***@')
    .replace(/signkey-[a-z]+-[0-9a-f]+/gi, REDACTED)
    .replace(/\b(bearer)\s+[^\s"']+/gi, `$1 ${REDACTED}`)
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') text = 'publish failed';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
