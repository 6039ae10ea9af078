import { priorityFactorMs, runCounters, type ConcurrencyCounter } from './concurrency';
import { MinHeap } from './heap';
import type { RunState, WorkItem } from './run-driver';
import type { InngestTestEvent } from './types';
import { WaitIndex } from './wait-index';

/**
 * Which queued request goes to the app next, imitating Inngest's queue (pkg/execution/queue):
 *
 * - **Score.** An item is ordered by its run's enqueue time minus the run's priority factor
 *   (`QueueItem.Score`: older runs finish first, a priority of 120 s jumps two minutes of backlog). An item
 *   scheduled more than 2 s ahead (`consts.FutureAtLimit`), i.e. a retry backing off, keeps its own time as score.
 * - **Partitions.** Items are held per backlog: the function plus the evaluated custom concurrency keys
 *   (`ItemBacklog`). Each decision looks at the best ready item of every backlog and takes the lowest score
 *   whose capacities have room, so one key's backlog at its limit never stands in front of another key's item.
 *   Inngest peeks a shuffled, weighted sample of partitions and leases in batches; here the choice is exact
 *   and deterministic.
 * - **Capacity.** A request occupies, while it is at the app, a slot of every concurrency counter of its run
 *   (function limit, key limits); an app with `workers` may hold it a while before starting on it. Sleeping and waiting runs hold nothing: Inngest
 *   limits steps in progress, not runs.
 * - **One request per run** unless the run has gone parallel: then every planned step may be in flight at
 *   once, and the discovery request that follows waits until none is.
 *
 * Each decision costs O(backlogs × log items); ready items sit in per-backlog heaps, retries and sleeps in one
 * timer heap. Heap entries are invalidated lazily by a per-run version.
 */

/** Inngest's `consts.FutureAtLimit`: items due later than this are scored by their own time. */
const FUTURE_AT_LIMIT_MS = 2_000;

export interface RunSchedule {
  readonly state: RunState;
  readonly seq: number;
  readonly queuedAt: number;
  readonly priorityMs: number;
  readonly counters: ConcurrencyCounter[];
  readonly backlog: string;
  /** Requests of this run at the app right now. */
  inFlight: number;
  version: number;
  /** The last wake-up time pushed to the timer heap, so a run re-indexed often does not flood it. */
  timerAt?: number;
  /** The waits this run was last filed under (their ids), so it is re-filed only when they change. */
  filedWaits: string;
}

interface ReadyEntry {
  run: RunSchedule;
  score: number;
  version: number;
}

interface TimerEntry {
  at: number;
  run: RunSchedule;
}

export interface Dispatch {
  run: RunSchedule;
  item: WorkItem;
}

const DISCOVER = 'step';

function isLive(state: RunState): boolean {
  return state.run.status === 'running' || state.run.status === 'waiting';
}

export class Scheduler {
  private readonly runs = new Map<RunState, RunSchedule>();
  private readonly backlogs = new Map<string, MinHeap<ReadyEntry>>();
  private readonly timers = new MinHeap<TimerEntry>((a, b) => a.at < b.at);
  private readonly inUse = new Map<string, number>();
  /** The score an item got when first seen: a retry keeps its own time, a first attempt its run's. */
  private readonly itemScores = new WeakMap<WorkItem, number>();
  /** Runs backing off, with the time their next retry is due. */
  private readonly retrying = new Map<RunState, number>();
  /** Runs with an open `waitForEvent`, by event name and pinned field. */
  private readonly waits = new WaitIndex();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  schedule(state: RunState): RunSchedule {
    let run = this.runs.get(state);
    if (run) return run;
    const { fn, run: info } = state;
    const counters = runCounters(fn, info.event);
    run = {
      state,
      seq: this.seq++,
      queuedAt: info.queuedAt,
      priorityMs: priorityFactorMs(fn, info.event),
      counters,
      backlog: [fn.fullId, ...counters.filter((c) => c.id.includes(':key:')).map((c) => c.id)].join('|'),
      inFlight: 0,
      version: 0,
      filedWaits: '',
    };
    this.runs.set(state, run);
    return run;
  }

  isBusy(state: RunState): boolean {
    return (this.runs.get(state)?.inFlight ?? 0) > 0;
  }

  private itemScore(run: RunSchedule, item: WorkItem): number {
    let score = this.itemScores.get(item);
    if (score === undefined) {
      const at = item.notBefore ?? 0;
      score = at > this.now() + FUTURE_AT_LIMIT_MS ? at : run.queuedAt - run.priorityMs;
      this.itemScores.set(item, score);
    }
    return score;
  }

  /** The run's items that may be sent now, given what of it is already at the app. */
  private readyItems(run: RunSchedule): WorkItem[] {
    const { state } = run;
    if (!isLive(state)) return [];
    const now = this.now();
    const due = state.queue.filter((item) => (item.notBefore ?? 0) <= now);
    if (!run.inFlight) return due.slice(0, state.disableImmediate ? due.length : 1);
    // Another request of this run is at the app: only planned parallel steps may join it.
    return state.disableImmediate ? due.filter((item) => item.target !== DISCOVER) : [];
  }

  /** Re-reads a run after anything changed it (an answer, an event, the clock) and files it where it belongs. */
  reindex(state: RunState): void {
    if (!isLive(state) && !this.runs.has(state)) return;
    const run = this.schedule(state);
    run.version++;
    const filed = isLive(state) ? [...state.waits.keys()].join(',') : '';
    if (filed !== run.filedWaits) {
      this.waits.file(state, isLive(state));
      run.filedWaits = filed;
    }
    this.retrying.delete(state);
    if (!isLive(state)) {
      if (!run.inFlight) this.runs.delete(state);
      return;
    }
    const ready = this.readyItems(run);
    if (ready.length) {
      const score = Math.min(...ready.map((item) => this.itemScore(run, item)));
      let heap = this.backlogs.get(run.backlog);
      if (!heap) this.backlogs.set(run.backlog, (heap = new MinHeap((a, b) => a.score < b.score || (a.score === b.score && a.run.seq < b.run.seq))));
      heap.push({ run, score, version: run.version });
    }
    const now = this.now();
    const retries = state.queue.map((item) => item.notBefore ?? 0).filter((at) => at > now);
    if (retries.length) this.retrying.set(state, Math.min(...retries));
    const wakes = [...state.queue.map((item) => item.notBefore ?? 0), ...[...state.waits.values()].map((wait) => wait.until)].filter((at) => at > now);
    if (wakes.length) {
      const at = Math.min(...wakes);
      if (run.timerAt !== at) {
        run.timerAt = at;
        this.timers.push({ at, run });
      }
    }
  }

  /** The runs whose open `waitForEvent` could take this event (narrowed by `WaitIndex`, not yet matched). */
  waitingForEvent(event: InngestTestEvent): RunState[] {
    return this.waits.candidates(event);
  }

  /** The earliest time a retry or a pause of some run comes due, if any. */
  nextWakeAt(): number | undefined {
    return this.timers.peek()?.at;
  }

  /** The earliest time a run backing off is due to retry, if any run is. */
  nextRetryAt(): number | undefined {
    let at: number | undefined;
    for (const due of this.retrying.values()) if (at === undefined || due < at) at = due;
    return at;
  }

  /** Takes the runs whose wake-up time has come (each once), for the caller to resume and re-index. */
  takeDue(now: number): RunState[] {
    const due = new Set<RunState>();
    while ((this.timers.peek()?.at ?? Infinity) <= now) {
      const { run } = this.timers.pop()!;
      if (run.timerAt !== undefined && run.timerAt <= now) run.timerAt = undefined;
      if (this.runs.get(run.state) === run) due.add(run.state);
    }
    return [...due];
  }

  private hasRoom(run: RunSchedule): boolean {
    for (const counter of run.counters) if ((this.inUse.get(counter.id) ?? 0) >= counter.limit) return false;
    return true;
  }

  /** The best backlog head that has room: the lowest score across backlogs. */
  next(): Dispatch | undefined {
    let best: { heap: MinHeap<ReadyEntry>; entry: ReadyEntry } | undefined;
    for (const [id, heap] of this.backlogs) {
      let top = heap.peek();
      while (top && (top.version !== top.run.version || this.runs.get(top.run.state) !== top.run)) {
        heap.pop();
        top = heap.peek();
      }
      if (!top) {
        this.backlogs.delete(id);
        continue;
      }
      if (!this.hasRoom(top.run)) continue;
      if (!best || top.score < best.entry.score || (top.score === best.entry.score && top.run.seq < best.entry.run.seq)) best = { heap, entry: top };
    }
    if (!best) return undefined;
    best.heap.pop();
    const { run } = best.entry;
    const ready = this.readyItems(run);
    const item = ready.reduce((a, b) => (this.itemScore(run, b) < this.itemScore(run, a) ? b : a), ready[0]!);
    return { run, item };
  }

  /** Marks a request as at the app: the item leaves the run's queue and its slots are taken. */
  begin({ run, item }: Dispatch): void {
    const { queue } = run.state;
    queue.splice(queue.indexOf(item), 1);
    run.inFlight++;
    for (const counter of run.counters) this.inUse.set(counter.id, (this.inUse.get(counter.id) ?? 0) + 1);
    this.reindex(run.state);
  }

  /** Frees a request's slots once its answer has been applied. */
  end(run: RunSchedule): void {
    run.inFlight--;
    for (const counter of run.counters) this.inUse.set(counter.id, (this.inUse.get(counter.id) ?? 1) - 1);
    this.reindex(run.state);
  }

  clear(): void {
    this.runs.clear();
    this.backlogs.clear();
    this.timers.clear();
    this.inUse.clear();
    this.waits.clear();
    this.retrying.clear();
  }
}
