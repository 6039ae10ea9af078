import { randomUUID } from 'node:crypto';
import { CheckpointApi } from './checkpoint-api';
import { startEngineServer, type EngineServer } from './engine-server';
import { parseRegistration } from './function-registry';
import { EventDedupe } from './event-dedupe';
import { appCaller, callApp, type Outcome, type RunState, type WorkItem, type Wire } from './run-driver';
import { hashedSigningKey } from './signing';
import { syncApp } from './sync';
import { applyOutcome } from './run-ops';
import { RunStore } from './run-store';
import { Scheduler, type RunSchedule } from './scheduler';
import type {
  AppFetch,
  InngestEventInput,
  InngestTestEvent,
  InngestTestExecutor,
  InngestTestExecutorOptions,
  InngestTestRun,
  RegisteredInngestFunction,
  SettleOptions,
} from './types';
import { resolveEventWaits, wakeDue } from './waits';

/** A request at the app: its answer is applied when the virtual clock reaches `completesAt`. */
interface InFlight {
  run: RunSchedule;
  item: WorkItem;
  completesAt: number;
  answer?: { outcome: Outcome; retryAfter: string | null };
}

export const DEFAULT_APP_URL = 'http://app.test/api/inngest';

/**
 * The engine proper: accepts events and registrations, and drives runs through the scheduler, which sends
 * requests of different runs to the app concurrently (within concurrency limits) in queue
 * order. Time is a virtual clock that only `advanceTime`, the completion of timed requests
 * (`requestDuration`), or, in real-time mode, a ticker moves. The loop is discrete-event: start every request
 * that may start now, move to the earliest completion or wake-up, apply it, repeat.
 */
export class Executor implements InngestTestExecutor {
  readonly events: InngestTestEvent[] = [];
  private readonly registered = new Map<string, RegisteredInngestFunction>();
  private readonly dedupe = new EventDedupe();
  private readonly store: RunStore;
  private readonly scheduler: Scheduler;
  private readonly call: AppFetch;
  private clock: number;
  private draining: Promise<void> | undefined;
  private internalErrors: Error[] = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private server!: EngineServer;
  private readonly inFlight = new Set<InFlight>();
  /** Requests the app is still working on, whatever the virtual clock says: `close()` waits for them. */
  private readonly callsAtApp = new Set<Promise<void>>();
  /** Per app with `workers`: when each of its workers is next free (virtual clock). */
  private readonly workerFreeAt = new Map<string, number[]>();
  /** Requests whose answer is back but not applied yet, in the order the answers came. */
  private answered: InFlight[] = [];
  /** Resolves the drain loop's wait when an answer comes back or new work arrives (an event, a ticker wake-up). */
  private kick: (() => void) | undefined;
  private readonly wire: Wire;
  private readonly checkpoints: CheckpointApi;
  readonly eventKey: string | undefined;

  constructor(private readonly options: InngestTestExecutorOptions) {
    this.clock = options.startTime ?? Date.now();
    this.call = appCaller(options.appFetch);
    this.scheduler = new Scheduler(() => this.clock);
    this.store = new RunStore({
      now: () => this.clock,
      log: options.log,
      crashAfterStep: options.crashAfterStep,
      emit: (event) => this.accept([event]),
      retryBackoff: options.retryBackoff,
      random: options.random,
      isBusy: (state) => this.scheduler.isBusy(state),
    });
    if (options.signingKey !== undefined && !/^signkey-[\w]+-([0-9a-f]{2})+$/i.test(options.signingKey)) {
      throw new Error(`signingKey must look like signkey-test-<hex>, got ${JSON.stringify(options.signingKey)}`);
    }
    this.wire = { protocol: options.protocol ?? 'checkpoint', signingKey: options.signingKey };
    this.eventKey = options.signingKey ? (options.eventKey ?? `test-event-key-${hashedSigningKey(options.signingKey).slice(-12)}`) : undefined;
    this.checkpoints = new CheckpointApi(
      () => this.store.hooks(),
      (error) => this.internalErrors.push(error),
    );
  }

  get protocol(): Wire['protocol'] {
    return this.wire.protocol;
  }

  get signed(): boolean {
    return Boolean(this.wire.signingKey);
  }

  async listen(): Promise<this> {
    this.server = await startEngineServer(
      {
        authorised: (header) => !this.wire.signingKey || header === `Bearer ${hashedSigningKey(this.wire.signingKey)}`,
        eventKeyAccepted: (key) => !this.eventKey || key === this.eventKey,
        events: (body) => this.send(body as InngestEventInput | InngestEventInput[]),
        register: (body) => this.storeRegistration(body),
        checkpointAsync: (runId, body) => this.checkpoints.async(runId, body),
        checkpointSync: (path) => this.checkpoints.sync(path),
        snapshot: () => ({ runs: this.runs, events: this.events, functions: this.functions, now: this.clock }),
        advance: (ms) => this.advanceTime(ms),
        settle: () => this.settle(),
      },
      this.options.port ?? 0,
      this.options.host ?? '127.0.0.1',
    );
    if (this.options.realTime) this.startTicker();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  get port(): number {
    return this.server.port;
  }

  /**
   * SDK v4 reads the sync and checkpoint API from INNGEST_API_BASE_URL, else INNGEST_BASE_URL, and the event
   * API from INNGEST_EVENT_API_BASE_URL, else INNGEST_BASE_URL; INNGEST_DEV=1 puts it in dev mode (no
   * signing or event key needed). So these two are enough, provided neither *_API_BASE_URL override is set.
   * Signed, the app runs as in production (cloud mode): INNGEST_DEV=0 (explicitly, since the SDK's
   * `setEnvVars` merges and would keep an earlier `1`), the signing and event keys, and a serve origin for
   * the app's guard.
   */
  get env(): Record<string, string> {
    if (!this.wire.signingKey) return { INNGEST_DEV: '1', INNGEST_BASE_URL: this.url };
    return {
      INNGEST_DEV: '0',
      INNGEST_BASE_URL: this.url,
      INNGEST_SIGNING_KEY: this.wire.signingKey,
      INNGEST_EVENT_KEY: this.eventKey!,
      INNGEST_SERVE_ORIGIN: new URL(this.options.appUrl ?? DEFAULT_APP_URL).origin,
    };
  }

  get runs(): InngestTestRun[] {
    return this.store.states.map((state) => state.run);
  }

  get functions(): RegisteredInngestFunction[] {
    return [...this.registered.values()];
  }

  now(): number {
    return this.clock;
  }

  runsOf(fnId: string): InngestTestRun[] {
    return this.runs.filter((run) => run.fnId === fnId || run.fullFnId === fnId);
  }

  eventsNamed(name: string): InngestTestEvent[] {
    return this.events.filter((event) => event.name === name);
  }

  async register(serveUrl = this.options.appUrl ?? DEFAULT_APP_URL): Promise<RegisteredInngestFunction[]> {
    const before = new Set(this.registered.values());
    const { response, text, registration } = await syncApp(this.call, serveUrl, this.wire, this.options.sync);
    if (registration) this.storeRegistration(registration);
    const fresh = this.functions.filter((fn) => !before.has(fn));
    if (!response.ok || !fresh.length) {
      throw new Error(
        `Syncing ${serveUrl} did not register any function with the test executor (HTTP ${response.status}: ${text}). ` +
          `The app needs ${Object.entries(this.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')} and no INNGEST_API_BASE_URL override.`,
      );
    }
    return fresh;
  }

  private storeRegistration(body: unknown): void {
    const fns = parseRegistration(body);
    for (const [id, fn] of this.registered) if (fn.appId === fns[0]?.appId) this.registered.delete(id);
    for (const fn of fns) this.registered.set(fn.fullId, fn);
  }

  async send(input: InngestEventInput | InngestEventInput[]): Promise<string[]> {
    const list = Array.isArray(input) ? input : [input];
    for (const event of list) {
      if (!event || typeof event.name !== 'string' || !event.name) throw new TypeError('Every event needs a name');
    }
    return this.accept(list);
  }

  /**
   * Accepts events. One whose `id` was seen in the last 24 hours (Inngest's `FunctionIdempotencyPeriod`) is
   * acknowledged but starts and resumes nothing; after that the same id starts new runs again.
   */
  private accept(list: InngestEventInput[]): string[] {
    const ids = list.map((input) => {
      const id = input.id ?? randomUUID();
      if (!this.dedupe.admit(id, this.clock)) return id;
      const event: InngestTestEvent = { ...input, id, data: input.data ?? {}, ts: input.ts ?? this.clock };
      this.events.push(event);
      const touched = this.scheduler.waitingForEvent(event);
      this.guard(() => resolveEventWaits(touched, event));
      this.guard(() => touched.push(...this.store.startMatching(this.registered.values(), event)));
      for (const state of touched) this.refresh(state);
      return id;
    });
    this.kick?.();
    this.maybeAutoSettle();
    return ids;
  }

  async triggerCron(fnId: string): Promise<InngestTestRun> {
    const fn = this.functions.find((f) => (f.id === fnId || f.fullId === fnId) && f.triggers.some((t) => t.cron));
    if (!fn) throw new Error(`No registered cron function "${fnId}"`);
    const cron = fn.triggers.find((t) => t.cron)!.cron;
    const state = this.store.start(fn, { id: randomUUID(), name: 'inngest/scheduled.timer', data: { cron }, ts: this.clock });
    this.refresh(state);
    this.kick?.();
    this.maybeAutoSettle();
    return state.run;
  }

  /**
   * Moves the virtual clock forward by `ms`, processing request completions, sleeps, timeouts and retries in
   * time order up to the target and stopping there: requests still at the app at the target stay in flight.
   */
  advanceTime(ms: number): Promise<void> {
    return this.exclusive(() => this.drain(this.clock + ms));
  }

  /**
   * Drives runs until none can move without the clock passing a sleep, timeout or retry: each is complete,
   * failed, waiting, or backing off. With a `requestDuration` it advances the clock to the completion of the
   * requests it sends, and no further. With `{ retries: true }` it also waits out retry backoffs: the clock
   * moves to each retry as it comes due (handling whatever else falls due before it, in time order) until no
   * run is backing off; sleeps and waits that are due later still wait for `advanceTime`.
   */
  settle(options: SettleOptions = {}): Promise<void> {
    return this.exclusive(() => this.drain(undefined, options.retries ?? false));
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
    if (this.draining) return this.draining.then(() => this.exclusive(work));
    this.draining = work().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** The discrete-event loop; `until` is `advanceTime`'s target, undefined for `settle()`. */
  private async drain(until: number | undefined, throughRetries = false): Promise<void> {
    const limit = this.options.maxRequestsPerSettle ?? 5_000;
    let requests = 0;
    for (;;) {
      this.wakeDue();
      requests += this.dispatchReady();
      if (requests > limit) throw new Error(`settle() gave up after ${limit} requests; a function may be looping`);
      const completion = this.nextCompletionAt();
      const wake = this.scheduler.nextWakeAt();
      if (until === undefined) {
        if (completion === undefined) {
          const retry = throughRetries ? this.scheduler.nextRetryAt() : undefined;
          if (retry === undefined) break;
          this.clock = Math.max(this.clock, Math.min(retry, wake ?? Infinity));
          continue;
        }
        // A retry or sleep due before the next completion happens first, then the loop goes on.
        if (wake !== undefined && wake < completion) this.clock = Math.max(this.clock, wake);
        else await this.complete(completion);
        continue;
      }
      const next = Math.min(completion ?? Infinity, wake ?? Infinity);
      if (next <= until) {
        if (next === completion) await this.complete(completion);
        else this.clock = Math.max(this.clock, next);
      } else if (this.clock < until) {
        this.clock = until;
      } else break;
    }
    const errors = this.internalErrors.splice(0);
    if (errors.length) throw new AggregateError(errors, `Test executor: ${errors.map((e) => e.message).join('; ')}`);
  }

  /** Resumes the sleeps and waits, and readies the retries, that the clock has reached. */
  private wakeDue(): number {
    const due = this.scheduler.takeDue(this.clock);
    this.guard(() => wakeDue(due, this.clock));
    for (const state of due) this.refresh(state);
    return due.length;
  }

  /** Sends every request the scheduler allows right now; returns how many. */
  private dispatchReady(): number {
    let sent = 0;
    for (let next = this.scheduler.next(); next; next = this.scheduler.next()) {
      this.dispatch(next.run, next.item);
      sent++;
    }
    return sent;
  }

  private dispatch(run: RunSchedule, item: WorkItem): void {
    const { state } = run;
    this.scheduler.begin({ run, item });
    state.run.requests++;
    const duration = this.options.realTime ? 0 : this.requestDuration(state, item);
    const startsAt = this.takeWorker(state.fn.appId, duration);
    state.run.startedAt ??= startsAt;
    // Retry-After is read off the answer here, so the protocol code needs no part in scheduling.
    let retryAfter: string | null = null;
    const call: AppFetch = async (request) => {
      const response = await this.call(request);
      retryAfter = response.headers.get('retry-after');
      return response;
    };
    const flight: InFlight = { run, item, completesAt: startsAt + duration };
    const answer = (outcome: Outcome) => {
      flight.answer = { outcome, retryAfter };
      this.answered.push(flight);
      this.kick?.();
    };
    // Checkpoints the SDK POSTs while this request is at the app land on it through its queue item id.
    const opened = this.checkpoints.open(state, item);
    const call$ = callApp(call, opened, this.wire)
      .catch((error: unknown): Outcome => ({ kind: 'error', status: 0, retriable: true, error: { name: 'Error', message: String(error) } }))
      .then((outcome) => {
        this.checkpoints.close(opened);
        answer(outcome);
      })
      .finally(() => this.callsAtApp.delete(call$));
    this.callsAtApp.add(call$);
    this.inFlight.add(flight);
  }

  /**
   * When the app starts on a request sent now. The engine sends whatever Inngest's rules allow (it knows
   * nothing of the app's capacity); an app with `workers` takes requests in the order they arrive, each on
   * the first worker free, so a request may wait at the app behind others. Returns that start time and
   * books the worker until start + duration.
   */
  private takeWorker(appId: string, duration: number): number {
    const workers = this.options.workers?.[appId];
    if (workers === undefined) return this.clock;
    let slots = this.workerFreeAt.get(appId);
    if (!slots) this.workerFreeAt.set(appId, (slots = Array.from({ length: Math.max(1, workers) }, () => 0)));
    let first = 0;
    for (let i = 1; i < slots.length; i++) if (slots[i]! < slots[first]!) first = i;
    const startsAt = Math.max(this.clock, slots[first]!);
    slots[first] = startsAt + duration;
    return startsAt;
  }

  private requestDuration(state: RunState, item: WorkItem): number {
    const { requestDuration } = this.options;
    if (typeof requestDuration !== 'function') return requestDuration ?? 0;
    return requestDuration({ appId: state.fn.appId, fnId: state.fn.id, run: state.run, target: item.target });
  }

  private nextCompletionAt(): number | undefined {
    let at: number | undefined;
    for (const flight of this.inFlight) if (at === undefined || flight.completesAt < at) at = flight.completesAt;
    return at;
  }

  /**
   * Applies one answer due at `at`. On the virtual clock, answers due at the same time are applied in the
   * order their requests were sent, so a run's numbers do not depend on which in-process call returned first
   * (the requests themselves still run at the app side by side). In real-time mode the first answer back is
   * applied first. Returns early, applying nothing, when new work arrives meanwhile.
   */
  private async complete(at: number): Promise<void> {
    const flight = this.options.realTime ? this.answered[0] : this.firstSentDueAt(at);
    if (!flight?.answer) {
      await new Promise<void>((resolve) => (this.kick = resolve));
      this.kick = undefined;
      return;
    }
    this.answered.splice(this.answered.indexOf(flight), 1);
    this.inFlight.delete(flight);
    this.clock = Math.max(this.clock, at);
    this.apply(flight);
  }

  /** The earliest-sent request due at `at` (the set keeps sending order). */
  private firstSentDueAt(at: number): InFlight | undefined {
    for (const flight of this.inFlight) if (flight.completesAt === at) return flight;
    return undefined;
  }

  private apply({ run, item, answer }: InFlight): void {
    const { state } = run;
    const { outcome, retryAfter } = answer!;
    if (outcome.kind === 'error')
      this.options.log?.(
        `run ${state.run.runId} ${state.fn.id} attempt ${item.attempt} got no answer (${outcome.status || 'unreachable'}): ${outcome.error.message}`,
      );
    try {
      applyOutcome(state, item, outcome, this.store.hooks(retryAfter));
    } catch (error) {
      // An op or expression the executor cannot honour fails the run and the settle() that drove it.
      this.internalErrors.push(error as Error);
      this.store.hooks().fail(state, { name: 'Error', message: (error as Error).message });
    }
    this.scheduler.end(run);
    this.refresh(state);
  }

  /** Brings a run's status in line with its queue and waits, and files it with the scheduler. */
  private refresh(state: RunState): void {
    this.store.refresh(state);
    this.scheduler.reindex(state);
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.internalErrors.push(error as Error);
    }
  }

  private maybeAutoSettle(): void {
    if (!this.options.autoSettle) return;
    this.settle().catch((error: unknown) => this.options.log?.(`settle failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Real-time mode: the virtual clock follows the wall clock, so sleeps and timeouts end on their own. */
  private startTicker(): void {
    let last = Date.now();
    this.ticker = setInterval(() => {
      const real = Date.now();
      this.clock += real - last;
      last = real;
      // A woken wait, or a retry whose backoff ran out: the drain loop picks it up, or a new one starts.
      if (this.draining) {
        if ((this.scheduler.nextWakeAt() ?? Infinity) <= this.clock) this.kick?.();
      } else if (this.wakeDue()) this.maybeAutoSettle();
    }, 250);
    this.ticker.unref();
  }

  reset(): void {
    this.store.states.length = 0;
    this.events.length = 0;
    this.dedupe.clear();
    this.scheduler.clear();
    this.inFlight.clear();
    this.workerFreeAt.clear();
    this.answered = [];
    this.internalErrors = [];
  }

  /**
   * Stops the engine once the app has answered every request it was sent (a request still due later on the
   * virtual clock is already running at the app, and its database work must end before a test closes the
   * database under it).
   */
  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await this.draining?.catch(() => undefined);
    await Promise.allSettled([...this.callsAtApp]);
    await this.server.close();
  }
}
