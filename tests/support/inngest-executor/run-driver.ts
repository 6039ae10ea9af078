import { requestBody, requestHeaders, type Dispatch, type WireProtocol } from './protocol';
import { canonicalJson, signatureProblem, signBody } from './signing';
import type { AppFetch, InngestTestRun, RegisteredInngestFunction, SerializedError } from './types';

/**
 * One request of a run to the app's serve endpoint, in the shape the SDK's `parseFnData` reads
 * (inngest/helpers/functions.js; built in protocol.ts), and its answer sorted into the three things the
 * SDK can say, or into a lost attempt.
 */

/** A memoized step result. Always wrapped: the SDK takes a bare object with only a `data` key as a wrapper. */
type MemoEntry = { data: unknown } | { error: SerializedError };

/** `target` is the `stepId` query parameter: `step` asks the SDK to discover; a hashed id asks it to run that step. */
export interface WorkItem {
  target: string;
  attempt: number;
  /** A retry backing off is not sent before this time (the virtual clock). */
  notBefore?: number;
}

export interface PendingWait {
  hashedId: string;
  kind: 'event' | 'sleep';
  event?: string;
  if?: string;
  until: number;
}

export interface RunState {
  run: InngestTestRun;
  fn: RegisteredInngestFunction;
  /** Insertion order is completion order, which the SDK uses (`ctx.stack`) to settle parallel steps in order. */
  memo: Map<string, MemoEntry>;
  queue: WorkItem[];
  waits: Map<string, PendingWait>;
  /** Set while a run is parallel, as Inngest does (ForceStepPlan), so the SDK plans steps instead of running one inline. */
  disableImmediate: boolean;
  /** -1 lets the SDK pick on the first request; afterwards the version it answered with is pinned. */
  version: number;
}

export interface SdkOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: SerializedError;
  userland?: { id?: string };
}

export type Outcome =
  | { kind: 'completed'; output: unknown }
  | { kind: 'ops'; ops: SdkOp[] }
  | { kind: 'error'; error: SerializedError; retriable: boolean; status: number }
  /** A simulated crash swallowed a checkpointed step: the attempt is lost, whatever the app answered. */
  | { kind: 'crashed'; error: SerializedError };

/** How the engine talks to the app: which request shape, and whether requests and answers are signed. */
export interface Wire {
  protocol: WireProtocol;
  signingKey?: string;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function asError(body: unknown, fallback: string): SerializedError {
  if (body && typeof body === 'object') {
    const error = body as SerializedError & { error?: unknown };
    return { ...error, message: error.message ?? (typeof error.error === 'string' ? error.error : fallback) };
  }
  return { name: 'Error', message: typeof body === 'string' && body ? body : fallback };
}

export async function callApp(call: AppFetch, dispatch: Dispatch, wire: Wire): Promise<Outcome> {
  const { state, item } = dispatch;
  const url = new URL(state.fn.stepUrl);
  url.searchParams.set('fnId', state.fn.fullId);
  url.searchParams.set('stepId', item.target);
  // Canonical JSON: the SDK verifies the signature over the canonical form of the body it parsed.
  const body = canonicalJson(requestBody(wire.protocol, dispatch));
  const headers = requestHeaders(wire.protocol, dispatch, Boolean(wire.signingKey));
  if (wire.signingKey) headers['x-inngest-signature'] = signBody(body, wire.signingKey);
  let response: Response;
  let text: string;
  try {
    response = await call(new Request(url, { method: 'POST', headers, body }));
    // Inside the try: an app that dies mid-answer cuts the body off ("terminated"), which is the same lost attempt.
    text = await response.text();
  } catch (error) {
    // An unreachable app is an attempt that failed, as a crashed worker is for Inngest.
    return { kind: 'error', status: 0, retriable: true, error: { name: 'FetchError', message: `App unreachable at ${url.origin}: ${String(error)}` } };
  }
  if (dispatch.crashed) return { kind: 'crashed', error: { name: 'Error', message: dispatch.crashed.message } };
  if (wire.signingKey) {
    // An answer the engine cannot attribute to the app (a proxy's page, a forged reply) must not move the run.
    const problem = signatureProblem(response.headers.get('x-inngest-signature'), text, wire.signingKey);
    if (problem)
      return {
        kind: 'error',
        status: response.status,
        retriable: false,
        error: { name: 'ResponseSignatureError', message: `The app's answer (HTTP ${response.status}) has ${problem}` },
      };
  }
  const version = Number(response.headers.get('x-inngest-req-version'));
  if (Number.isInteger(version) && version > 0) state.version = version;
  const parsed = parseJson(text);
  if (response.status === 200) return { kind: 'completed', output: parsed };
  if (response.status === 206 && Array.isArray(parsed)) return { kind: 'ops', ops: parsed as SdkOp[] };
  const noRetry = response.headers.get('x-inngest-no-retry');
  const retriable = noRetry === 'true' ? false : noRetry === 'false' || response.status >= 500 || response.status === 429;
  return { kind: 'error', status: response.status, retriable, error: asError(parsed, `HTTP ${response.status} from the app`) };
}

/** Reaches the app either in-process (`appFetch`) or over HTTP. */
export function appCaller(appFetch: AppFetch | undefined): AppFetch {
  return appFetch ?? ((request) => fetch(request));
}
