import { DEFAULT_POOL } from '@/inngest/pools';
import { workflowRouteHandlers } from '@/inngest/serve-pool';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The engine (Dev Server, Inngest Cloud or a self-hosted `inngest start`) calls the `shared` pool's
 * functions here, app `storefleet` as before pools existed; the other pools are at `/api/inngest/<pool>`
 * (./[pool]/route.ts). Guard, sanitising and serving: inngest/serve-pool.ts.
 */
export const { GET, POST, PUT } = workflowRouteHandlers(async () => DEFAULT_POOL);
