import { randomUUID } from 'node:crypto';
import { evaluateExpression } from '../inngest-expression';
import { eventNameMatches } from './function-registry';
import type { RunState } from './run-driver';
import type { RunHooks } from './run-ops';
import { inngestBackoff, retryAfterAt } from './backoff';
import type { CrashAfterStep, ExecutorLogger, InngestTestEvent, RegisteredInngestFunction, RunStatus, SerializedError } from './types';

const FAILED_EVENT = 'inngest/function.failed';

export interface RunStoreOptions {
  now: () => number;
  log?: ExecutorLogger;
  crashAfterStep?: CrashAfterStep | CrashAfterStep[];
  emit: (event: InngestTestEvent) => void;
  /** Overrides Inngest's backoff table (real-time mode wants seconds, not minutes). */
  retryBackoff?: (attempt: number) => number;
  /** Jitter source for the backoff table; default Math.random. */
  random?: () => number;
  /** True while a request of the run is at the app: its queue is empty mid-request, which is not a stall. */
  isBusy: (state: RunState) => boolean;
}

/**
 * The runs and their lifecycle: which functions an event starts, status changes (each logged once), and
 * the `inngest/function.failed` event a final failure emits so `onFailure` handlers run.
 */
export class RunStore {
  readonly states: RunState[] = [];
  private crashes: { rule: CrashAfterStep; left: number }[];
  private readonly now: () => number;
  private readonly log: ExecutorLogger | undefined;
  private readonly emit: (event: InngestTestEvent) => void;

  constructor(private readonly options: RunStoreOptions) {
    ({ now: this.now, log: this.log, emit: this.emit } = options);
    this.crashes = [options.crashAfterStep ?? []].flat().map((rule) => ({ rule, left: rule.times ?? 1 }));
  }

  start(fn: RegisteredInngestFunction, event: InngestTestEvent): RunState {
    const state: RunState = {
      fn,
      run: {
        runId: randomUUID(),
        fnId: fn.id,
        fullFnId: fn.fullId,
        appId: fn.appId,
        event,
        status: 'running',
        steps: [],
        failedRequests: [],
        requests: 0,
        queuedAt: this.now(),
        waitingOn: [],
      },
      memo: new Map(),
      queue: [{ target: 'step', attempt: 0 }],
      waits: new Map(),
      disableImmediate: false,
      version: -1,
    };
    this.states.push(state);
    this.log?.(`run ${state.run.runId} ${fn.id} running (event ${event.name} ${event.id})`);
    return state;
  }

  /** Starts a run of every function with a trigger for this event (one run per function, however many match). */
  startMatching(functions: Iterable<RegisteredInngestFunction>, event: InngestTestEvent): RunState[] {
    const started: RunState[] = [];
    for (const fn of functions) {
      const matches = fn.triggers.some(
        (trigger) =>
          trigger.event !== undefined &&
          eventNameMatches(trigger.event, event.name) &&
          (!trigger.expression || evaluateExpression(trigger.expression, { event })),
      );
      if (matches) started.push(this.start(fn, event));
    }
    return started;
  }

  /** Brings status and `waitingOn` in line with the queue and open waits, logging a change. */
  refresh(state: RunState, error?: SerializedError): void {
    const { run } = state;
    if (run.status === 'completed' || run.status === 'failed' || this.options.isBusy(state)) return;
    run.waitingOn = [...state.waits.values()].map((w) => ({ kind: w.kind, stepId: w.hashedId, event: w.event, if: w.if, until: w.until }));
    if (state.queue.length) return this.setStatus(state, 'running');
    if (state.waits.size) return this.setStatus(state, 'waiting');
    // Nothing queued and nothing to wait for, yet not finished: the SDK answered with no op we could act on.
    this.finish(
      state,
      'failed',
      undefined,
      error ?? { name: 'Error', message: 'The run stopped making progress: the SDK reported no step to run or wait for' },
    );
  }

  /**
   * The engine's side of applying one answer. `retryAfter` is the answer's `Retry-After` header: when the app
   * sets one it decides the retry's time, else the `retryBackoff` option, else Inngest's table with jitter.
   */
  hooks(retryAfter?: string | null): RunHooks {
    return {
      now: this.now,
      retryAt: (attempt) => {
        const now = this.now();
        const asked = retryAfterAt(retryAfter, now);
        if (asked !== undefined) return asked;
        const { retryBackoff, random } = this.options;
        return now + (retryBackoff ? retryBackoff(attempt) : inngestBackoff(attempt, random));
      },
      takeCrash: (state, op) => this.takeCrash(state, op.name, op.displayName, op.userland?.id),
      complete: (state, output) => this.finish(state, 'completed', output),
      fail: (state, error) => this.finish(state, 'failed', undefined, error),
    };
  }

  private takeCrash(state: RunState, ...names: (string | undefined)[]): boolean {
    const crash = this.crashes.find(
      ({ rule, left }) => left > 0 && (!rule.fnId || rule.fnId === state.fn.id || rule.fnId === state.fn.fullId) && names.includes(rule.stepName),
    );
    if (crash) crash.left--;
    return Boolean(crash);
  }

  private setStatus(state: RunState, status: RunStatus, detail = ''): void {
    if (state.run.status === status) return;
    state.run.status = status;
    const waitingOn = status === 'waiting' ? ` on ${state.run.waitingOn.map((w) => (w.kind === 'event' ? `event ${w.event}` : 'sleep')).join(', ')}` : '';
    this.log?.(`run ${state.run.runId} ${state.fn.id} ${status}${waitingOn}${detail}`);
  }

  private finish(state: RunState, status: 'completed' | 'failed', output: unknown, error?: SerializedError): void {
    Object.assign(state.run, { output, error, endedAt: this.now(), waitingOn: [] });
    state.queue.length = 0;
    state.waits.clear();
    this.setStatus(state, status, error ? `: ${error.message ?? error.name ?? 'error'}` : '');
    if (status === 'failed' && state.run.event.name !== FAILED_EVENT) {
      this.emit({
        id: randomUUID(),
        name: FAILED_EVENT,
        ts: this.now(),
        data: { function_id: state.fn.fullId, run_id: state.run.runId, error: error ?? {}, event: state.run.event },
      });
    }
  }
}
