import { assertSupportedExpression } from '../inngest-expression';
import { deadlineFrom } from './duration';
import type { Outcome, RunState, SdkOp, WorkItem } from './run-driver';
import type { RunStepRecord, SerializedError } from './types';

/**
 * What the engine does with the SDK's answer to one request: memoize results, queue planned steps and
 * retries, start sleeps and waits, or end the run. Mirrors the Inngest executor closely enough that the
 * SDK cannot tell the difference for step.run / sleep / sleepUntil / waitForEvent / sendEvent.
 */
export interface RunHooks {
  now(): number;
  /** The clock time before which retry `attempt` is not sent. */
  retryAt(attempt: number): number;
  /** True when a configured crash should swallow this step's result. */
  takeCrash(state: RunState, op: SdkOp): boolean;
  complete(state: RunState, output: unknown): void;
  fail(state: RunState, error: SerializedError): void;
}

const DISCOVER = 'step';

function record(state: RunState, op: SdkOp, attempt: number, outcome: RunStepRecord['outcome'], extra: Partial<RunStepRecord> = {}): void {
  const id = op.userland?.id ?? op.name ?? op.id;
  state.run.steps.push({ id, name: op.displayName ?? id, hashedId: op.id, op: op.op as RunStepRecord['op'], attempt, outcome, ...extra });
}

/**
 * Queues a discovery request unless one, or a planned step that will be followed by one, is already
 * queued. Like Inngest's `maybeResetForceStepPlan` (pkg/execution/executor/force_step_plan.go), a
 * discovery that follows the end of parallelism (or a sleep or wait) lets the SDK run steps immediately
 * again on request version 2 and later, which also turns checkpointing back on.
 */
export function queueDiscovery(state: RunState): void {
  if (state.queue.length) return;
  if (state.version >= 2) state.disableImmediate = false;
  state.queue.push({ target: DISCOVER, attempt: 0 });
}

function queueRetry(state: RunState, target: string, attempt: number, hooks: RunHooks): void {
  state.queue.unshift({ target, attempt, notBefore: hooks.retryAt(attempt) });
}

function retryOrGiveUp(state: RunState, item: WorkItem, error: SerializedError, hooks: RunHooks): void {
  if (item.attempt + 1 <= state.fn.retries) queueRetry(state, item.target, item.attempt + 1, hooks);
  else hooks.fail(state, error);
}

function startPause(state: RunState, op: SdkOp, attempt: number, hooks: RunHooks): void {
  if (state.waits.has(op.id) || state.memo.has(op.id)) return;
  if (op.op === 'Sleep') {
    state.waits.set(op.id, { hashedId: op.id, kind: 'sleep', until: deadlineFrom(String(op.name), hooks.now()) });
  } else {
    const condition = typeof op.opts?.if === 'string' ? op.opts.if : undefined;
    if (condition) assertSupportedExpression(condition);
    const timeout = typeof op.opts?.timeout === 'string' ? op.opts.timeout : '';
    state.waits.set(op.id, { hashedId: op.id, kind: 'event', event: op.name, if: condition, until: deadlineFrom(timeout, hooks.now()) });
  }
  record(state, op, attempt, 'waiting');
}

/** Applies one op; returns true when it stored a result, which means the function can move on. */
function applyOp(state: RunState, item: WorkItem, op: SdkOp, hooks: RunHooks): boolean {
  switch (op.op) {
    case 'StepRun':
      if (hooks.takeCrash(state, op)) {
        record(state, op, item.attempt, 'crashed', { data: op.data, via: 'answer' });
        retryOrGiveUp(
          state,
          { target: op.id, attempt: item.attempt },
          { name: 'Error', message: `Simulated crash after step "${op.displayName ?? op.name}"` },
          hooks,
        );
        return false;
      }
      state.memo.set(op.id, { data: op.data ?? null });
      record(state, op, item.attempt, 'ok', { data: op.data, via: 'answer' });
      return true;
    case 'StepError':
      record(state, op, item.attempt, 'error', { error: op.error });
      if (item.attempt + 1 <= state.fn.retries) {
        queueRetry(state, op.id, item.attempt + 1, hooks);
        return false;
      }
      state.memo.set(op.id, { error: op.error ?? {} });
      return true;
    case 'StepFailed':
      // The step's retries are spent: memoized as an error, `step.run` rejects with a StepError in user code.
      state.memo.set(op.id, { error: op.error ?? {} });
      record(state, op, item.attempt, 'failed', { error: op.error });
      return true;
    case 'StepPlanned':
      if (!state.memo.has(op.id) && !state.queue.some((queued) => queued.target === op.id)) state.queue.push({ target: op.id, attempt: 0 });
      return false;
    case 'Sleep':
    case 'WaitForEvent':
      startPause(state, op, item.attempt, hooks);
      return false;
    case 'RunComplete':
      hooks.complete(state, op.data ?? null);
      return false;
    case 'DeferAdd':
    case 'DeferAbort':
      return false;
    default:
      throw new Error(`The test executor does not support the "${op.op}" op (step "${op.displayName ?? op.id}")`);
  }
}

/** What the checkpoint API answers the SDK: stored, a crash that swallowed the step (409 halts the SDK), or refused. */
export type CheckpointResult = { kind: 'stored' } | { kind: 'crashed'; message: string } | { kind: 'refused'; message: string };

/**
 * Steps the SDK checkpointed in the middle of a request (async checkpointing), applied as the final
 * answer would apply them: a `StepRun` result is memoized and recorded at once, so the run's memo and
 * step records are the same whichever protocol carried them. As in Inngest's checkpointer
 * (pkg/execution/checkpoint), only synchronous ops may be checkpointed: `StepPlanned` and defers are
 * accepted and change nothing, a duplicate result is ignored, anything else is refused with a 400.
 */
export function applyCheckpoint(state: RunState, item: WorkItem, ops: SdkOp[], hooks: RunHooks): CheckpointResult {
  for (const op of ops) {
    switch (op.op) {
      case 'StepRun':
      case 'Step':
        if (state.memo.has(op.id)) continue;
        if (hooks.takeCrash(state, op)) {
          record(state, op, item.attempt, 'crashed', { data: op.data, via: 'checkpoint' });
          return { kind: 'crashed', message: `Simulated crash after step "${op.displayName ?? op.name}"` };
        }
        state.memo.set(op.id, { data: op.data ?? null });
        record(state, { ...op, op: 'StepRun' }, item.attempt, 'ok', { data: op.data, via: 'checkpoint' });
        continue;
      case 'StepPlanned':
      case 'DeferAdd':
      case 'DeferAbort':
        continue;
      default:
        return { kind: 'refused', message: `cannot checkpoint opcode: ${op.op}` };
    }
  }
  return { kind: 'stored' };
}

export function applyOutcome(state: RunState, item: WorkItem, outcome: Outcome, hooks: RunHooks): void {
  if (outcome.kind === 'completed') return hooks.complete(state, outcome.output);
  // The worker "died" after checkpointing a step whose result the engine never kept: the request is retried.
  if (outcome.kind === 'crashed') return retryOrGiveUp(state, item, outcome.error, hooks);
  if (outcome.kind === 'error') {
    state.run.failedRequests.push({
      target: item.target,
      attempt: item.attempt,
      status: outcome.status,
      message: outcome.error.message ?? 'error',
      at: hooks.now(),
    });
    if (outcome.retriable) return retryOrGiveUp(state, item, outcome.error, hooks);
    return hooks.fail(state, outcome.error);
  }
  if (outcome.ops.length > 1) state.disableImmediate = true;
  let progressed = false;
  for (const op of outcome.ops) {
    progressed = applyOp(state, item, op, hooks) || progressed;
    if (state.run.status === 'completed' || state.run.status === 'failed') return;
  }
  // After parallel steps, Inngest asks the SDK to look again only once every planned step has finished.
  if (progressed && !state.queue.some((queued) => queued.target !== DISCOVER)) queueDiscovery(state);
}
