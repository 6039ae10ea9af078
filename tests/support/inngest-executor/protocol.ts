import { createHash, randomUUID } from 'node:crypto';
import type { RunState, WorkItem } from './run-driver';

/**
 * What one request of a run to the app carries, in the two shapes an engine can send (Inngest's
 * `driver.SDKRequest`, pkg/execution/driver/driver.go):
 * - `checkpoint` (what Inngest Cloud and `inngest dev` send today): `ctx.fn_id` (the function's uuid) and
 *   `ctx.qi_id` (the queue item), plus request, generation and job ids. With a `fn_id`, no requested
 *   step and immediate execution allowed, SDK v4 runs in *async checkpointing* mode: it runs step after
 *   step inside this one request and POSTs each result to `/v1/checkpoint/<run>/async` (checkpoint-api.ts)
 *   before going on, and answers only with what it cannot do itself (a sleep, a wait, planned parallel
 *   steps, an error) or `RunComplete`.
 * - `plain`: no `fn_id`, so the SDK runs at most one step per request and returns its result in the
 *   answer (the protocol of SDKs before checkpointing).
 */
export type WireProtocol = 'checkpoint' | 'plain';

/** One request in flight: the ids the SDK echoes back when it checkpoints. */
export interface Dispatch {
  state: RunState;
  item: WorkItem;
  qiId: string;
  jobId: string;
  requestId: string;
  generationId: number;
  /** Set when a simulated crash swallowed a checkpointed step: the request's answer is then discarded. */
  crashed?: { message: string };
}

/** A stable uuid per function, as Inngest derives one from the app and function slug. */
export function functionUuid(fullFnId: string): string {
  const hex = createHash('sha1').update(`fn:${fullFnId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

let generation = 0;

export function openDispatch(state: RunState, item: WorkItem): Dispatch {
  const jobId = randomUUID();
  // queueref.QueueRef: base64("<job id>::<shard>").
  const qiId = Buffer.from(`${jobId}::test-shard`).toString('base64');
  return { state, item, qiId, jobId, requestId: randomUUID(), generationId: ++generation };
}

export function requestBody(protocol: WireProtocol, dispatch: Dispatch): Record<string, unknown> {
  const { state, item } = dispatch;
  const stack = [...state.memo.keys()];
  const event = { user: {}, ...state.run.event };
  const ctx: Record<string, unknown> = {
    run_id: state.run.runId,
    step_id: item.target,
    attempt: item.attempt,
    // The SDK turns the last attempt's step error into StepFailed (and a function error into no-retry) from this.
    max_attempts: state.fn.retries + 1,
    disable_immediate_execution: state.disableImmediate,
    use_api: false,
    stack: { stack, current: Math.max(stack.length - 1, 0) },
  };
  if (protocol === 'checkpoint') {
    Object.assign(ctx, {
      fn_id: functionUuid(state.fn.fullId),
      env: 'test',
      qi_id: dispatch.qiId,
      request_id: dispatch.requestId,
      generation_id: dispatch.generationId,
      job_id: dispatch.jobId,
    });
  }
  return {
    event,
    events: [event],
    steps: Object.fromEntries(state.memo),
    ...(protocol === 'checkpoint' ? { defers: {} } : {}),
    version: state.version,
    use_api: false,
    ctx,
  };
}

/** The headers the real HTTP driver adds (pkg/execution/driver/httpdriver), signature aside. */
export function requestHeaders(protocol: WireProtocol, dispatch: Dispatch, signed: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-inngest-server-kind': signed ? 'cloud' : 'dev',
    'x-run-id': dispatch.state.run.runId,
  };
  if (protocol === 'checkpoint') {
    headers['x-request-id'] = dispatch.requestId;
    headers['x-inngest-generation-id'] = String(dispatch.generationId);
    headers['x-inngest-job-id'] = dispatch.jobId;
  }
  if (dispatch.state.version > 0) headers['x-inngest-req-version'] = String(dispatch.state.version);
  return headers;
}
