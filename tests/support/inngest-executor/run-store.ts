import { randomUUID } from 'node:crypto';
import { evaluateExpression } from '../inngest-expression';
import { eventNameMatches } from './function-registry';
import type { RunState } from './run-driver';
import type { RunHooks } from './run-ops';
import type { CrashAfterStep, ExecutorLogger, InngestTestEvent, RegisteredInngestFunction, RunStatus, SerializedError } from './types';

const FAILED_EVENT = 'inngest/function.failed';

/**
 * The runs and their lifecycle: which functions an event starts, status changes (each logged once), and
 * the `inngest/function.failed` event a final failure emits so `onFailure` handlers run.
 */
export class RunStore {
  readonly states: RunState[] = [];
  private crashes: { rule: CrashAfterStep; left: number }[];

  constructor(
    private readonly now: () => number,
    private readonly log: ExecutorLogger | undefined,
    crashAfterStep: CrashAfterStep | CrashAfterStep[] | undefined,
    private readonly emit: (event: InngestTestEvent) => void,
    private readonly retryBackoff: ((attempt: number) => number) | undefined,
  ) {
    this.crashes = [crashAfterStep ?? []].flat().map((rule) => ({ rule, left: rule.times ?? 1 }));
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
        startedAt: this.now(),
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
  startMatching(functions: Iterable<RegisteredInngestFunction>, event: InngestTestEvent): void {
    for (const fn of functions) {
      const matches = fn.triggers.some(
        (trigger) => trigger.event !== undefined && eventNameMatches(trigger.event, event.name) && (!trigger.expression || evaluateExpression(trigger.expression, { event })),
      );
      if (matches) this.start(fn, event);
    }
  }

  /** Brings status and `waitingOn` in line with the queue and open waits, logging a change. */
  refresh(state: RunState, error?: SerializedError): void {
    const { run } = state;
    if (run.status === 'completed' || run.status === 'failed') return;
    run.waitingOn = [...state.waits.values()].map((w) => ({ kind: w.kind, stepId: w.hashedId, event: w.event, if: w.if, until: w.until }));
    if (state.queue.length) return this.setStatus(state, 'running');
    if (state.waits.size) return this.setStatus(state, 'waiting');
    // Nothing queued and nothing to wait for, yet not finished: the SDK answered with no op we could act on.
    this.finish(state, 'failed', undefined, error ?? { name: 'Error', message: 'The run stopped making progress: the SDK reported no step to run or wait for' });
  }

  hooks(): RunHooks {
    return {
      now: this.now,
      retryAt: (attempt) => this.now() + (this.retryBackoff?.(attempt) ?? 0),
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
