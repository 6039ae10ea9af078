/** The public shapes of the test executor; the engine's behaviour lives in the sibling files. */

export interface InngestTestEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
  v?: string;
  [key: string]: unknown;
}

/** What a caller may send: Inngest fills in `id` and `ts` when they are missing. */
export interface InngestEventInput {
  name: string;
  id?: string;
  data?: Record<string, unknown>;
  ts?: number;
  user?: Record<string, unknown>;
  v?: string;
}

export interface SerializedError {
  name?: string;
  message?: string;
  stack?: string;
  [key: string]: unknown;
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed';

/** One thing a run did, in order: a step attempt (ok, error, failed, or discarded by a simulated crash) or a pause. */
export interface RunStepRecord {
  /** The step's id as written in code (`step.run('charge-card', …)` → `charge-card`). */
  id: string;
  /** The display name (`{ id, name }` form), else the id. */
  name: string;
  hashedId: string;
  op: 'StepRun' | 'StepError' | 'StepFailed' | 'Sleep' | 'WaitForEvent';
  attempt: number;
  outcome: 'ok' | 'error' | 'failed' | 'crashed' | 'waiting' | 'resumed' | 'timed-out';
  data?: unknown;
  error?: SerializedError;
  /** How the result reached the engine: POSTed to the checkpoint API mid-request, or in the request's answer. */
  via?: 'checkpoint' | 'answer';
}

interface FailedRequest {
  /** `step` for a discovery request, else the hashed id of the step that was asked to run. */
  target: string;
  attempt: number;
  /** The HTTP status, or 0 when the app could not be reached at all. */
  status: number;
  message: string;
  at: number;
}

export interface InngestTestRun {
  runId: string;
  /** The function id as written in `createFunction({ id })`, without the app id prefix. */
  fnId: string;
  /** The id Inngest knows the function by: `<app id>-<function id>`. */
  fullFnId: string;
  appId: string;
  event: InngestTestEvent;
  status: RunStatus;
  output?: unknown;
  error?: SerializedError;
  steps: RunStepRecord[];
  /** Requests that got no usable answer (the app unreachable, a reset connection, a 5xx), each retried or ending the run. */
  failedRequests: FailedRequest[];
  /** Requests sent to the app for this run, including retries. */
  requests: number;
  /** When the triggering event was accepted and the run queued (virtual clock). */
  queuedAt: number;
  /** When the app started on the run's first request (with `workers`, possibly after it waited there); unset while queued. */
  startedAt?: number;
  /** When it completed or failed. */
  endedAt?: number;
  /** What the run is paused on while `status` is `waiting`. */
  waitingOn: { kind: 'event' | 'sleep'; stepId: string; event?: string; if?: string; until: number }[];
}

export interface InngestTrigger {
  event?: string;
  expression?: string;
  cron?: string;
}

export interface RegisteredInngestFunction {
  appId: string;
  fullId: string;
  id: string;
  name: string;
  triggers: InngestTrigger[];
  stepUrl: string;
  /** Retries after the first attempt, as Inngest counts them (attempts = retries + 1). */
  retries: number;
  concurrency?: unknown;
  priority?: unknown;
  config: Record<string, unknown>;
}

/** A `fetch`-compatible way to reach the app's serve endpoint without an HTTP server, e.g. a Next route's handlers. */
export type AppFetch = (request: Request) => Promise<Response>;

export interface CrashAfterStep {
  fnId?: string;
  /** Matched against the step's name, display name and id. */
  stepName: string;
  /** How many times to discard the step's result; default 1. */
  times?: number;
}

export type ExecutorLogger = (line: string) => void;

/** What `requestDuration` is told about the request being sent. */
interface RequestInfo {
  appId: string;
  fnId: string;
  run: InngestTestRun;
  /** `step` for a discovery request, else the hashed id of the step asked to run. */
  target: string;
}

export interface InngestTestExecutorOptions {
  /** Listen on this port; default a random free one. */
  port?: number;
  host?: string;
  /** The app's serve endpoint over real HTTP, e.g. `http://localhost:3100/api/inngest`. */
  appUrl?: string;
  /** Call the app in-process instead; requests are addressed to `appUrl` or `http://app.test/api/inngest`. */
  appFetch?: AppFetch;
  crashAfterStep?: CrashAfterStep | CrashAfterStep[];
  /** Virtual clock start (ms since epoch); default the real time at creation. */
  startTime?: number;
  /** Advance the virtual clock with real time, for the stand-alone process (Playwright). */
  realTime?: boolean;
  /** Process runs as soon as events or wake-ups arrive instead of waiting for `settle()`. */
  autoSettle?: boolean;
  /**
   * How long to wait before retry `attempt` (1 = the first retry). Default: Inngest's table (15 s, 30 s, 1 m,
   * 2 m, 5 m, 10 m, 20 m, 40 m, 1 h, 2 h, capped there) plus 0–30 s jitter, on the virtual clock, so a retry
   * waits for `advanceTime`. Real-time mode (Playwright) sets seconds instead. A `Retry-After` header on the
   * app's answer wins over both.
   */
  retryBackoff?: (attempt: number) => number;
  /** Jitter source for the default backoff, in [0, 1); default Math.random. `() => 0` makes retries exact. */
  random?: () => number;
  /**
   * Workers per Inngest app id (e.g. `{ storefleet: 4 }`), as if that many instances served it: the engine
   * still sends every request Inngest's rules allow, and the app works on at most that many at once, taking
   * them in the order they arrive (a request waits at the app for a free worker, holding its concurrency
   * slots meanwhile). A run's `startedAt` is when a worker first took one of its requests. Default unlimited.
   */
  workers?: Record<string, number>;
  /**
   * How long one request takes, in virtual ms (default 0). While it lasts the request holds its worker and
   * concurrency slots; its answer takes effect at dispatch + duration. `settle()` then moves the clock to
   * each completion in turn (never to a later sleep, timeout or retry); `advanceTime` processes completions
   * and wake-ups in time order up to its target.
   */
  requestDuration?: number | ((info: RequestInfo) => number);
  /** Called with one line per run state change. */
  log?: ExecutorLogger;
  /** Safety net against a function that never stops producing work; default 5,000 requests per settle or advanceTime. */
  maxRequestsPerSettle?: number;
  /**
   * The request shape sent to the app (see inngest-executor/protocol.ts): `checkpoint` (default), what a
   * current Inngest engine sends, with `ctx.fn_id`/`qi_id`, so SDK v4 runs steps within one request and
   * checkpoints their results to the engine; `plain`, without them, one step per request.
   */
  protocol?: 'checkpoint' | 'plain';
  /**
   * Signed mode (`signkey-test-<hex>`): the app runs in cloud mode (see `env`), every request to it is
   * signed and every answer's signature is checked (a missing or wrong one fails the run), sync is
   * in-band and signed, and the API wants the hashed key as bearer and the event key in `/e/<key>`.
   */
  signingKey?: string;
  /** The event key in signed mode; default one derived from the signing key. */
  eventKey?: string;
  /** How a signed sync is done: `in-band` (default, what Inngest Cloud does) or `out-of-band` (the SDK POSTs `/fn/register`). */
  sync?: 'in-band' | 'out-of-band';
}

export interface SettleOptions {
  /** Also wait out retry backoffs on the virtual clock, until no run is backing off. Default false. */
  retries?: boolean;
}

export interface InngestTestExecutor {
  readonly url: string;
  readonly port: number;
  /** The app's environment for reaching this executor: `INNGEST_DEV=1` and `INNGEST_BASE_URL=<url>`, or, signed, cloud mode with keys. */
  readonly env: Record<string, string>;
  readonly protocol: 'checkpoint' | 'plain';
  readonly signed: boolean;
  /** The event key the event API accepts in signed mode. */
  readonly eventKey: string | undefined;
  readonly runs: readonly InngestTestRun[];
  readonly events: readonly InngestTestEvent[];
  readonly functions: readonly RegisteredInngestFunction[];
  /** The virtual clock, in ms since epoch. */
  now(): number;
  /** Asks the app to sync (`PUT` to its serve endpoint), then checks its functions arrived here. */
  register(serveUrl?: string): Promise<RegisteredInngestFunction[]>;
  send(events: InngestEventInput | InngestEventInput[]): Promise<string[]>;
  triggerCron(fnId: string): Promise<InngestTestRun>;
  /** Moves the virtual clock by `ms`, handling completions, wake-ups and retries in time order up to there. */
  advanceTime(ms: number): Promise<void>;
  /** Drives runs until nothing can move without the clock passing a sleep, timeout or retry (see SettleOptions). */
  settle(options?: SettleOptions): Promise<void>;
  runsOf(fnId: string): InngestTestRun[];
  eventsNamed(name: string): InngestTestEvent[];
  /** Forgets runs and events (not registrations), for isolation between tests. */
  reset(): void;
  close(): Promise<void>;
}
