import { signWorkflowRequest } from './sign-request';
import { SERVE_PATH, workflowServeOrigin } from './serve-origin';

/**
 * `npm run workflow:sync`: the operator's sync, for after a deploy when the engine does not sync by
 * itself. A PUT to the app's own workflow endpoint, signed with INNGEST_SIGNING_KEY like the engine's
 * requests, so the endpoint refuses every unsigned sync and still takes this one. The app then tells the
 * engine its configured address (INNGEST_SERVE_ORIGIN, else the platform's root domain).
 */
async function main() {
  const signingKey = process.env.INNGEST_SIGNING_KEY?.trim();
  const origin = process.argv[2] ?? workflowServeOrigin();
  if (!signingKey || !origin) {
    console.error('Set INNGEST_SIGNING_KEY (and INNGEST_SERVE_ORIGIN or PLATFORM_ROOT_DOMAIN), or pass the app origin as the argument.');
    process.exit(2);
  }
  const url = new URL(SERVE_PATH, origin);
  const response = await fetch(url, { method: 'PUT', headers: { 'x-inngest-signature': signWorkflowRequest('', signingKey) } });
  const text = await response.text();
  console.log(`${url} answered ${response.status}: ${text}`);
  process.exit(response.ok ? 0 : 1);
}

void main();
