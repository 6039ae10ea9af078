import { serve } from 'inngest/next';
import { AppError, toErrorBody } from '@/lib/errors';
import { clientForPool } from './client';
import { functionsForPool } from './functions';
import { DEFAULT_POOL, isPoolSlug, servePathForPool, workflowPoolConfig, WorkflowPoolConfigError } from './pools';
import { refuseWorkflowRequest, sanitiseWorkflowRequest } from './serve-guard';
import { workflowServeOrigin } from './serve-origin';

type Method = 'GET' | 'POST' | 'PUT';
type NextHandler = (request: never, context: unknown) => Promise<Response>;

interface PoolEndpoint {
  servePath: string;
  /** Every function id the engine may run here, `onFailure` handlers included (the SDK's own configs). */
  functionIds: ReadonlySet<string>;
  handler: Record<Method, NextHandler>;
}

const serveOrigin = workflowServeOrigin();
const endpoints = new Map<string, PoolEndpoint>();

/**
 * One pool's app as the SDK serves it: its own client (app id), functions and path. The URL it registers
 * comes from configuration, and outside dev mode the SDK checks every request's signature, syncs
 * included (`enableUnauthedSync: false`).
 */
function endpointFor(pool: string): PoolEndpoint {
  let endpoint = endpoints.get(pool);
  if (!endpoint) {
    const client = clientForPool(pool);
    const functions = functionsForPool(pool);
    const servePath = servePathForPool(pool);
    const functionIds = new Set(
      functions.flatMap((fn) =>
        (fn as unknown as { getConfig(o: { baseUrl: URL; appPrefix: string }): { id: string }[] })
          .getConfig({ baseUrl: new URL(servePath, 'http://localhost'), appPrefix: client.id })
          .map((config) => config.id),
      ),
    );
    const handler = serve({ client, functions, serveOrigin, servePath, enableUnauthedSync: false }) as unknown as Record<Method, NextHandler>;
    endpoint = { servePath, functionIds, handler };
    endpoints.set(pool, endpoint);
  }
  return endpoint;
}

function refuse(error: AppError): Response {
  const { status, body } = toErrorBody(error);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Why this instance does not serve `pool`, or null when it does. */
function poolRefusal(pool: string): AppError | null {
  let served: readonly string[];
  try {
    served = workflowPoolConfig().served;
  } catch (error) {
    if (error instanceof WorkflowPoolConfigError) return new AppError('WORKFLOW_NOT_CONFIGURED', `The workflow pools are not configured: ${error.message}`);
    throw error;
  }
  if (served.includes(pool)) return null;
  return new AppError('WORKFLOW_POOL_NOT_SERVED', `This instance does not serve the workflow pool ${JSON.stringify(pool)}.`);
}

/**
 * Answers a request to one pool's workflow endpoint: a pool this instance does not serve
 * (`WORKFLOW_SERVE_POOLS`) is a 404 `WORKFLOW_POOL_NOT_SERVED` before anything else, so a proxy that
 * sends a pool to the wrong instance group is seen at once; then the guard and the sanitising of
 * serve-guard.ts, then the SDK.
 */
async function serveWorkflowPool(pool: string, request: Request, context: unknown): Promise<Response> {
  const notServed = poolRefusal(pool);
  if (notServed) return refuse(notServed);
  const endpoint = endpointFor(pool);
  // The SDK's own reading of the environment, refreshed as its handler does for each request.
  const mode = clientForPool(pool).setEnvVars(process.env).mode;
  const refusal = refuseWorkflowRequest(request, { mode, signingKey: process.env.INNGEST_SIGNING_KEY, serveOrigin });
  if (refusal) return refuse(refusal);
  const clean = await sanitiseWorkflowRequest(request, serveOrigin!, endpoint.servePath, endpoint.functionIds);
  if (clean instanceof AppError) return refuse(clean);
  // The SDK reads only the headers, the body, the method and the URL, which a plain Request has.
  return endpoint.handler[request.method as Method](clean as never, context);
}

/**
 * The pool named by the path segment of `/api/inngest/<pool>`, or null: `shared` has no such path (its
 * app is `/api/inngest`, as it always was), and anything that is no pool name is nobody's.
 */
export function poolOfPathSegment(segment: string): string | null {
  return segment !== DEFAULT_POOL && isPoolSlug(segment) ? segment : null;
}

/** The route handlers of one pool, or of the pool a dynamic route's `[pool]` names. */
export function workflowRouteHandlers(
  poolOf: (context: unknown) => Promise<string | null>,
): Record<Method, (request: Request, context: unknown) => Promise<Response>> {
  const handle = async (request: Request, context: unknown) => {
    const pool = await poolOf(context);
    if (!pool) return refuse(new AppError('WORKFLOW_POOL_NOT_SERVED', 'There is no such workflow pool.'));
    return serveWorkflowPool(pool, request, context);
  };
  return { GET: handle, POST: handle, PUT: handle };
}
