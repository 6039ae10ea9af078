import { servePathForPool, workflowPoolConfig } from '@/inngest/pools';
import { signWorkflowRequest } from '@/inngest/sign-request';
import { workflowServeOrigin } from '@/inngest/serve-origin';

/**
 * `npm run workflow:sync [origin]`: the operator's sync, for after a deploy when the engine does not sync
 * by itself. One signed PUT per workflow pool this configuration serves (`WORKFLOW_SERVE_POOLS`, default
 * every pool: `/api/inngest` for `shared`, `/api/inngest/<pool>` for the others), signed with
 * INNGEST_SIGNING_KEY like the engine's requests, so the endpoint refuses every unsigned sync and still
 * takes these. Each pool's app then tells the engine its configured address (INNGEST_SERVE_ORIGIN, else
 * the platform's root domain). Behind a proxy that sends each pool to its own instances, run it once
 * with every pool; a pool whose instances do not serve it answers 404 `WORKFLOW_POOL_NOT_SERVED`.
 */
async function main() {
  const signingKey = process.env.INNGEST_SIGNING_KEY?.trim();
  const origin = process.argv[2] ?? workflowServeOrigin();
  if (!signingKey || !origin) {
    console.error('Set INNGEST_SIGNING_KEY (and INNGEST_SERVE_ORIGIN or PLATFORM_ROOT_DOMAIN), or pass the app origin as the argument.');
    process.exit(2);
  }
  let ok = true;
  for (const pool of workflowPoolConfig().served) {
    const url = new URL(servePathForPool(pool), origin);
    const response = await fetch(url, { method: 'PUT', headers: { 'x-inngest-signature': signWorkflowRequest('', signingKey) } });
    const text = await response.text();
    console.log(`${pool}: ${url} answered ${response.status}: ${text}`);
    ok &&= response.ok;
  }
  process.exit(ok ? 0 : 1);
}

void main();
