import { getRegistry } from '@/db/connection-registry';
import { log } from '@/lib/log';
import { relayOutbox, relayPlanes, type RelayOptions, type RelayResult } from './relay';
import { leaderLockFor, type LeaderLock } from './relay-leader';

/** The channel the outbox's insert trigger notifies on (migration 0018, `outbox_wake_relay`). */
const OUTBOX_CHANNEL = 'storefleet_outbox';

export interface RelayLoopOptions extends Omit<RelayOptions, 'now' | 'shouldContinue' | 'planes'> {
  /**
   * The safety sweep: a leader that was not woken runs anyway after this long (default 30 s), for rows
   * waiting out a backoff and for a notice missed while its LISTEN connection reconnected.
   */
  intervalMs?: number;
  /** How often a standby tries to take the lead (default 2 s): a dead leader is replaced within about this long. */
  standbyRetryMs?: number;
  /** How often the leader checks that it still holds its lock (default 5 s); also the timeout of that check. */
  leaderCheckMs?: number;
  /** Called after every run, for tests and metrics. */
  onRun?: (result: RelayResult | { error: unknown }) => void;
  /** Called whenever this loop becomes the leader (true) or stops being it (false). */
  onLeadership?: (leading: boolean) => void;
  /** The lock to lead by; default the default database's (relay-leader.ts). */
  lock?: LeaderLock;
  /**
   * More work the leader does on every run, after relaying, fed from the same outbox and woken by the same
   * notices: the platform read model (lib/platform-read-model/projector.ts). Answers how many rows it
   * handled; more than none is followed at once by another run, as for published rows.
   */
  afterRelay?: () => Promise<{ projected: number }>;
}

export interface RelayLoop {
  /** Whether this loop is the active relay now. */
  isLeader(): boolean;
  /** Asks for a run now (what a notice does); ignored by a standby. */
  wake(): void;
  /** Stops, waits for the run in progress, stops listening and gives up the lock. */
  stop(): Promise<void>;
}

/** A failed run is tried again after this long at most, not only at the next sweep. */
const ERROR_RETRY_MS = 5_000;

/**
 * The outbox relay as a long-running loop, in every app server and in `npm run outbox:relay`, of which
 * exactly one relays at a time: the one that holds the leader lock (relay-leader.ts). The others are
 * standbys that try the lock every `standbyRetryMs` and do nothing else.
 *
 * The leader does not poll. It LISTENs on `storefleet_outbox` on every database (the default and each
 * dedicated one, on their direct connections), which the outbox's insert trigger notifies at commit, and
 * runs when woken. A run that published something is followed at once by the next (a backlog drains at
 * full speed); notices that arrive during a run fold into one more run after it. Otherwise it sleeps
 * until the next notice or the safety sweep (`intervalMs`). A run only reads the tenants that have rows
 * due (relay.ts), so neither a notice nor a sweep costs anything per idle tenant.
 *
 * Leadership is checked before every batch: a leader that lost its lock stops relaying and becomes a
 * standby. Two relays overlapping for a moment (the old one finishing a batch as the new one starts) is
 * harmless: rows are claimed with FOR UPDATE SKIP LOCKED and a row sent but not marked is sent again
 * under the same event id, which the engine deduplicates.
 */
export function startOutboxRelayLoop(options: RelayLoopOptions): RelayLoop {
  const intervalMs = options.intervalMs ?? 30_000;
  const standbyRetryMs = options.standbyRetryMs ?? 2_000;
  const leaderCheckMs = options.leaderCheckMs ?? 5_000;
  const registry = getRegistry();
  const lock = options.lock ?? leaderLockFor(registry, leaderCheckMs);
  let stopped = false;
  let leading = false;
  let timer: NodeJS.Timeout | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let wokenDuringRun = false;
  /** Unsubscribe functions of the LISTENs, by database. */
  const listening = new Map<string, Promise<() => Promise<void>>>();

  const clear = () => {
    clearTimeout(timer);
    timer = undefined;
  };

  const setLeading = (value: boolean) => {
    if (leading === value) return;
    leading = value;
    options.onLeadership?.(value);
  };

  const unlistenAll = async () => {
    const all = [...listening.values()];
    listening.clear();
    await Promise.allSettled(all.map(async (subscribed) => (await subscribed)()));
  };

  /** Subscribes to the databases not listened on yet (a dedicated database may appear at any time). */
  const listenOn = async (planes: string[]) => {
    for (const name of planes) {
      if (listening.has(name)) continue;
      const subscribed = registry.get(name).then((connection) => connection.listen(OUTBOX_CHANNEL, () => wake()));
      listening.set(name, subscribed);
      subscribed.catch((error: unknown) => {
        listening.delete(name);
        log.warn({ connection: name, err: error }, 'outbox relay could not listen; the safety sweep covers this database');
      });
      await subscribed.catch(() => undefined);
    }
  };

  const standBy = (delayMs: number) => {
    clear();
    if (stopped) return;
    timer = setTimeout(() => void tryToLead(), delayMs);
  };

  const loseLead = () => {
    if (!leading) return;
    setLeading(false);
    clearTimeout(checkTimer);
    clear();
    void unlistenAll();
    // Let a run in progress end at its next batch (it asks `leading`), then stand by.
    void (running ?? Promise.resolve()).then(() => standBy(standbyRetryMs));
  };
  lock.onLost(loseLead);

  const checkLead = () => {
    checkTimer = setTimeout(async () => {
      if (stopped || !leading) return;
      if (await lock.stillHeld()) checkLead();
      else loseLead();
    }, leaderCheckMs);
  };

  const tryToLead = async () => {
    if (stopped || leading) return;
    if (!(await lock.tryAcquire())) return standBy(standbyRetryMs);
    if (stopped) return;
    setLeading(true);
    log.info('outbox relay is the leader');
    checkLead();
    wake();
  };

  const schedule = (delayMs: number) => {
    clear();
    if (stopped || !leading) return;
    timer = setTimeout(() => wake(), delayMs);
  };

  const runOnce = async () => {
    wokenDuringRun = false;
    try {
      const planes = await relayPlanes(registry);
      await listenOn(planes);
      const result = await relayOutbox({
        publisher: options.publisher,
        batchSize: options.batchSize,
        publishTimeoutMs: options.publishTimeoutMs,
        planes,
        shouldContinue: () => leading && !stopped,
      });
      const more = leading && !stopped && options.afterRelay ? (await options.afterRelay()).projected : 0;
      options.onRun?.(result);
      if (result.published > 0 || more > 0 || wokenDuringRun) schedule(0);
      else schedule(result.failed > 0 ? Math.min(intervalMs, ERROR_RETRY_MS) : intervalMs);
    } catch (error) {
      log.error({ err: error }, 'outbox relay run failed');
      options.onRun?.({ error });
      schedule(Math.min(intervalMs, ERROR_RETRY_MS));
    }
  };

  const wake = () => {
    if (stopped || !leading) return;
    if (running) {
      wokenDuringRun = true;
      return;
    }
    clear();
    running = runOnce().finally(() => {
      running = undefined;
    });
  };

  void tryToLead();
  return {
    isLeader: () => leading,
    wake,
    async stop() {
      stopped = true;
      clear();
      clearTimeout(checkTimer);
      await running;
      await unlistenAll();
      setLeading(false);
      await lock.release();
    },
  };
}

export type RelayLoopSettings = Required<Pick<RelayLoopOptions, 'intervalMs' | 'standbyRetryMs' | 'leaderCheckMs' | 'batchSize'>>;

/**
 * The loop's settings from the environment, for the app server and `npm run outbox:relay` alike:
 * OUTBOX_RELAY_SWEEP_MS (safety sweep, default 30000; the older OUTBOX_RELAY_INTERVAL_MS is read as the
 * same), OUTBOX_RELAY_STANDBY_RETRY_MS (default 2000), OUTBOX_RELAY_LEADER_CHECK_MS (default 5000) and
 * OUTBOX_RELAY_BATCH_SIZE (default 100). A value that is not a positive whole number is refused at start.
 */
export function relayLoopSettingsFromEnv(env: Record<string, string | undefined> = process.env): RelayLoopSettings {
  const positiveInt = (names: string[], fallback: number): number => {
    for (const name of names) {
      const raw = env[name]?.trim();
      if (!raw) continue;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
      return value;
    }
    return fallback;
  };
  return {
    intervalMs: positiveInt(['OUTBOX_RELAY_SWEEP_MS', 'OUTBOX_RELAY_INTERVAL_MS'], 30_000),
    standbyRetryMs: positiveInt(['OUTBOX_RELAY_STANDBY_RETRY_MS'], 2_000),
    leaderCheckMs: positiveInt(['OUTBOX_RELAY_LEADER_CHECK_MS'], 5_000),
    batchSize: positiveInt(['OUTBOX_RELAY_BATCH_SIZE'], 100),
  };
}
