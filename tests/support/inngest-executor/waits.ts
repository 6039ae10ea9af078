import { evaluateExpression } from '../inngest-expression';
import { eventNameMatches } from './function-registry';
import { queueDiscovery } from './run-ops';
import type { PendingWait, RunState } from './run-driver';
import type { InngestTestEvent, RunStepRecord } from './types';

/**
 * Ending pauses: an event arriving for a `waitForEvent`, or the virtual clock passing a sleep or a
 * wait's timeout. Either way the result is memoized and the run goes back to the SDK to carry on.
 */

function resume(state: RunState, wait: PendingWait, data: unknown, outcome: RunStepRecord['outcome']): void {
  state.waits.delete(wait.hashedId);
  state.memo.set(wait.hashedId, { data });
  const started = state.run.steps.find((s) => s.hashedId === wait.hashedId && s.outcome === 'waiting');
  if (started) state.run.steps.push({ ...started, outcome, data, attempt: 0 });
  queueDiscovery(state);
}

function isLive(state: RunState): boolean {
  return state.run.status !== 'completed' && state.run.status !== 'failed';
}

/**
 * Matches an event against waits that were already open when it arrived, never the other way round: Inngest
 * does not look back at events sent before the wait began. In a wait's `if`, `event` is the run's triggering
 * event and `async` the candidate.
 */
export function resolveEventWaits(states: RunState[], event: InngestTestEvent): void {
  for (const state of states) {
    if (!isLive(state)) continue;
    for (const wait of [...state.waits.values()]) {
      if (wait.kind !== 'event' || !wait.event || !eventNameMatches(wait.event, event.name)) continue;
      if (wait.if && !evaluateExpression(wait.if, { event: state.run.event, async: event })) continue;
      resume(state, wait, event, 'resumed');
    }
  }
}

/** Ends every sleep and wait whose time has come, earliest first; a timed-out wait resolves to null. */
export function wakeDue(states: RunState[], now: number): number {
  const due = states
    .filter(isLive)
    .flatMap((state) => [...state.waits.values()].filter((wait) => wait.until <= now).map((wait) => ({ state, wait })))
    .sort((a, b) => a.wait.until - b.wait.until);
  for (const { state, wait } of due) resume(state, wait, null, wait.kind === 'sleep' ? 'resumed' : 'timed-out');
  return due.length;
}
