import { poolOfPathSegment, workflowRouteHandlers } from '@/inngest/serve-pool';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ pool: string }> };

/**
 * One workflow pool's app (`storefleet-<pool>`), for the engine. An instance answers only the pools it
 * serves (`WORKFLOW_SERVE_POOLS`), others with a 404 `WORKFLOW_POOL_NOT_SERVED`; see docs/workflow-pools.md.
 */
export const { GET, POST, PUT } = workflowRouteHandlers(async (context) => poolOfPathSegment((await (context as Context).params).pool));
