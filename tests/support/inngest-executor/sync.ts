import type { Wire } from './run-driver';
import { canonicalJson, signatureProblem, signBody } from './signing';
import type { AppFetch } from './types';

export interface SyncAnswer {
  response: Response;
  text: string;
  /** An in-band sync's registration, in the `/fn/register` body's shape; out of band it arrived there already. */
  registration?: { appName: unknown; functions: unknown };
}

/**
 * The sync request the engine sends the app's serve endpoint. Unsigned, a bare `PUT`: the SDK answers
 * by POSTing its functions to `/fn/register` (out of band). Signed, as Inngest Cloud syncs: an in-band
 * `PUT` (`x-inngest-sync-kind: in_band`, a signed `{ url }` body) that the SDK answers with its functions
 * in a signed response, or, `out-of-band`, a signed empty `PUT`, after which the SDK registers with the
 * hashed key as bearer. A signed answer whose signature is not the key's is refused.
 */
export async function syncApp(call: AppFetch, serveUrl: string, wire: Wire, kind: 'in-band' | 'out-of-band' = 'in-band'): Promise<SyncAnswer> {
  const key = wire.signingKey;
  if (!key) {
    const response = await call(new Request(serveUrl, { method: 'PUT', headers: { 'content-type': 'application/json' } }));
    return { response, text: await response.text() };
  }
  const inBand = kind === 'in-band';
  const body = inBand ? canonicalJson({ url: serveUrl }) : '';
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-inngest-signature': signBody(body, key), 'x-inngest-server-kind': 'cloud' };
  if (inBand) headers['x-inngest-sync-kind'] = 'in_band';
  const response = await call(new Request(serveUrl, { method: 'PUT', headers, body: body || undefined }));
  const text = await response.text();
  if (!response.ok) return { response, text };
  const problem = signatureProblem(response.headers.get('x-inngest-signature'), text, key);
  if (problem) throw new Error(`Syncing ${serveUrl}: the app's answer has ${problem}`);
  if (response.headers.get('x-inngest-sync-kind') !== 'in_band') return { response, text };
  const answer = JSON.parse(text) as { app_id?: unknown; functions?: unknown };
  return { response, text, registration: { appName: answer.app_id, functions: answer.functions } };
}
