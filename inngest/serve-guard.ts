import { AppError } from '@/lib/errors';

/** How far a signature's timestamp may be from now, as the SDK allows. */
const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

export interface ServeGuardContext {
  /** The SDK's mode: `dev` only with `INNGEST_DEV` (a Dev Server or the test executor), else `cloud`. */
  mode: 'cloud' | 'dev';
  signingKey: string | undefined;
  /** The configured serve origin, `undefined` when its configuration is invalid. */
  serveOrigin: string | undefined;
  now?: number;
}

function hasFreshSignature(header: string | null, now: number): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const timestamp = Number(params.get('t'));
  const signature = params.get('s') ?? '';
  return Number.isInteger(timestamp) && /^[0-9a-f]{64}$/i.test(signature) && Math.abs(now - timestamp * 1000) <= SIGNATURE_MAX_AGE_MS;
}

/**
 * Whether a request to the workflow endpoint may reach the SDK. Outside dev mode every request (runs,
 * introspection and syncs alike) must carry the engine's signature, which the SDK then verifies; an
 * operator syncs with a signed PUT too (`npm run workflow:sync`). Answers here are cheap, stable and
 * quiet: a stranger's unsigned request costs no SDK work and writes no error line.
 */
export function refuseWorkflowRequest(request: Pick<Request, 'headers'>, context: ServeGuardContext): AppError | null {
  if (!context.serveOrigin) {
    return new AppError('WORKFLOW_NOT_CONFIGURED', 'The workflow endpoint is not configured: INNGEST_SERVE_ORIGIN must be an http(s) origin.');
  }
  if (context.mode === 'dev') return null;
  if (!context.signingKey?.trim()) {
    return new AppError('WORKFLOW_NOT_CONFIGURED', 'The workflow endpoint is not configured: INNGEST_SIGNING_KEY is not set.');
  }
  if (!hasFreshSignature(request.headers.get('x-inngest-signature'), context.now ?? Date.now())) {
    return new AppError('WORKFLOW_SIGNATURE_REQUIRED', 'Only the workflow engine, with a current signature, may call this endpoint.');
  }
  return null;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return NOT_JSON;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a POST has the shape of a run the engine sends: one of our functions, a step, an event and a run id. */
function looksLikeRun(url: URL, body: unknown, functionIds: ReadonlySet<string>): boolean {
  const fnId = url.searchParams.get('fnId');
  if (!fnId || !functionIds.has(fnId) || !url.searchParams.get('stepId')) return false;
  return isRecord(body) && isRecord(body.event) && isRecord(body.ctx) && typeof body.ctx.run_id === 'string';
}

/**
 * The request as the SDK may see it, or why it may not: a body that is no JSON, or a POST that is no run
 * of one of our functions, is refused here with a 400 (the SDK would throw on it and answer 500; signed
 * requests come from the engine and are not second-guessed), and a sync loses its query string, since the SDK copies it into the
 * URL it registers (the pool's `servePath` on the configured origin), where a `?probe=trust` would turn every later run into a
 * probe. Runs keep their query (the engine's own fnId and stepId).
 */
export async function sanitiseWorkflowRequest(
  request: Request,
  serveOrigin: string,
  servePath: string,
  functionIds: ReadonlySet<string>,
): Promise<Request | AppError> {
  if (request.method !== 'PUT' && request.method !== 'POST') return request;
  const body = await request.text();
  const parsed = parseJson(body);
  if (body && parsed === NOT_JSON) return new AppError('BAD_REQUEST', 'The workflow endpoint takes JSON bodies only.');
  const signed = request.headers.has('x-inngest-signature');
  if (request.method === 'POST' && !signed && !looksLikeRun(new URL(request.url), parsed, functionIds)) {
    return new AppError('BAD_REQUEST', 'This is not a run of one of this app’s functions.');
  }
  const url = request.method === 'PUT' ? new URL(servePath, serveOrigin) : new URL(request.url);
  return new Request(url, { method: request.method, headers: request.headers, body: body || undefined });
}
