import { createHmac } from 'node:crypto';

/**
 * An `X-Inngest-Signature` for a request body, made as the engine makes it: HMAC-SHA256 over the body
 * and the timestamp, keyed with the signing key without its `signkey-<env>-` prefix. The operator's sync
 * (`npm run workflow:sync`) signs its empty PUT this way, so the endpoint needs no second secret.
 */
export function signWorkflowRequest(body: string, signingKey: string, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, '');
  const signature = createHmac('sha256', key).update(body).update(timestamp).digest('hex');
  return `t=${timestamp}&s=${signature}`;
}
