import { randomUUID } from 'node:crypto';
import { CheckpointApi } from './checkpoint-api';
import { startEngineServer, type EngineServer } from './engine-server';
import { parseRegistration } from './function-registry';
import { appCaller, callApp, type RunState, type Wire } from './run-driver';
import { hashedSigningKey } from './signing';
import { syncApp } from './sync';
import { applyOutcome } from './run-ops';
import { RunStore } from './run-store';
import type {
  AppFetch,
  InngestEventInput,
  InngestTestEvent,
  InngestTestExecutor,
  InngestTestExecutorOptions,
  InngestTestRun,
  RegisteredInngestFunction,
} from './types';
import { resolveEventWaits, wakeDue } from './waits';

export const DEFAULT_APP_URL = 'http://app.test/api/inngest';

/**
 * The engine proper: accepts events and registrations, and drives runs one request at a time so a test
 * sees a deterministic order. Sleeps and timeouts follow a virtual clock that only `advanceTime` (or, in
 * real-time mode, a ticker) moves.
 */
export class Executor implements InngestTestExecutor {
  readonly events: InngestTestEvent[] = [];
  private readonly registered = new Map<string, RegisteredInngestFunction>();
  private readonly seenEventIds = new Set<string>();
  private readonly store: RunStore;
  private readonly call: AppFetch;
  private clock: number;
  private draining: Promise<void> | undefined;
  private internalErrors: Error[] = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private server!: EngineServer;
  /** The run whose request is at the app right now; its queue is empty mid-request, which is not a stall. */
  private inFlight: RunState | undefined;
  private readonly wire: Wire;
  private readonly checkpoints: CheckpointApi;
  readonly eventKey: string | undefined;

  constructor(private readonly options: InngestTestExecutorOptions) {
    this.clock = options.startTime ?? Date.now();
    this.call = appCaller(options.appFetch);
    this.store = new RunStore(() => this.clock, options.log, options.crashAfterStep, (event) => this.accept([event]), options.retryBackoff);
    if (options.signingKey !== undefined && !/^signkey-[\w]+-([0-9a-f]{2})+$/i.test(options.signingKey)) {
      throw new Error(`signingKey must look like signkey-test-<hex>, got ${JSON.stringify(options.signingKey)}`);
    }
    this.wire = { protocol: options.protocol ?? 'checkpoint', signingKey: options.signingKey };
    this.eventKey = options.signingKey ? (options.eventKey ?? `test-event-key-${hashedSigningKey(options.signingKey).slice(-12)}`) : undefined;
    this.checkpoints = new CheckpointApi(() => this.store.hooks(), (error) => this.internalErrors.push(error));
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
          `The app needs ${Object.entries(this.env).map(([k, v]) => `${k}=${v}`).join(' ')} and no INNGEST_API_BASE_URL override.`,
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

  /** Accepts events; one whose `id` was seen before is acknowledged but starts and resumes nothing. */
  private accept(list: InngestEventInput[]): string[] {
    const ids = list.map((input) => {
      const id = input.id ?? randomUUID();
      if (this.seenEventIds.has(id)) return id;
      this.seenEventIds.add(id);
      const event: InngestTestEvent = { ...input, id, data: input.data ?? {}, ts: input.ts ?? this.clock };
      this.events.push(event);
      this.guard(() => resolveEventWaits(this.store.states, event));
      this.guard(() => this.store.startMatching(this.registered.values(), event));
      return id;
    });
    this.refreshAll();
    this.maybeAutoSettle();
    return ids;
  }

  async triggerCron(fnId: string): Promise<InngestTestRun> {
    const fn = this.functions.find((f) => (f.id === fnId || f.fullId === fnId) && f.triggers.some((t) => t.cron));
    if (!fn) throw new Error(`No registered cron function "${fnId}"`);
    const cron = fn.triggers.find((t) => t.cron)!.cron;
    const state = this.store.start(fn, { id: randomUUID(), name: 'inngest/scheduled.timer', data: { cron }, ts: this.clock });
    this.maybeAutoSettle();
    return state.run;
  }

  async advanceTime(ms: number): Promise<void> {
    this.clock += ms;
    this.guard(() => wakeDue(this.store.states, this.clock));
    this.refreshAll();
    await this.settle();
  }

  /** Drives runs until none can move: each is complete, failed, or waiting on an event or the clock. */
  settle(): Promise<void> {
    if (this.draining) return this.draining.then(() => this.settle());
    this.draining = this.drain().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drain(): Promise<void> {
    const limit = this.options.maxRequestsPerSettle ?? 5_000;
    for (let requests = 0; ; requests++) {
      const state = this.store.states.find((s) => this.hasDueWork(s));
      if (!state) break;
      if (requests >= limit) throw new Error(`settle() gave up after ${limit} requests; a function may be looping`);
      await this.step(state);
    }
    const errors = this.internalErrors.splice(0);
    if (errors.length) throw new AggregateError(errors, `Test executor: ${errors.map((e) => e.message).join('; ')}`);
  }

  /** Work queued for a live run whose retry backoff, if any, has run out. */
  private hasDueWork(state: RunState): boolean {
    const next = state.queue[0];
    return next !== undefined && (next.notBefore ?? 0) <= this.clock && (state.run.status === 'running' || state.run.status === 'waiting');
  }

  private async step(state: RunState): Promise<void> {
    const item = state.queue.shift()!;
    state.run.requests++;
    this.inFlight = state;
    const dispatch = this.checkpoints.open(state, item);
    const outcome = await callApp(this.call, dispatch, this.wire).finally(() => {
      this.checkpoints.close(dispatch);
      this.inFlight = undefined;
    });
    if (outcome.kind === 'error') this.options.log?.(`run ${state.run.runId} ${state.fn.id} attempt ${item.attempt} got no answer (${outcome.status || 'unreachable'}): ${outcome.error.message}`);
    try {
      applyOutcome(state, item, outcome, this.store.hooks());
      this.store.refresh(state);
    } catch (error) {
      // An op or expression the executor cannot honour fails the run and the settle() that drove it.
      this.internalErrors.push(error as Error);
      this.store.hooks().fail(state, { name: 'Error', message: (error as Error).message });
    }
  }

  private refreshAll(): void {
    for (const state of this.store.states) if (state !== this.inFlight) this.store.refresh(state);
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
      let woke = 0;
      this.guard(() => (woke = wakeDue(this.store.states, this.clock)));
      if (woke) this.refreshAll();
      // A woken wait, or a retry whose backoff ran out while nothing else was going on.
      if (woke || (!this.draining && this.store.states.some((s) => this.hasDueWork(s)))) this.maybeAutoSettle();
    }, 250);
    this.ticker.unref();
  }

  reset(): void {
    this.store.states.length = 0;
    this.events.length = 0;
    this.seenEventIds.clear();
    this.internalErrors = [];
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await this.draining?.catch(() => undefined);
    await this.server.close();
  }
}
