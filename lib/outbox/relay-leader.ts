import type { Sql } from 'postgres';
import { LOCK_NAMESPACES } from '@/db/advisory-locks';
import { databaseKind } from '@/db/client';
import { DEFAULT_CONNECTION, type ConnectionRegistry } from '@/db/connection-registry';
import { log, redactUrl } from '@/lib/log';

/** What a standby or leader can tell: whether it holds the lock now, and a way to give it up. */
export interface LeaderLock {
  /** Tries once to become the leader; true when this process holds the lock now (also when it already did). */
  tryAcquire(): Promise<boolean>;
  /**
   * Checks that the lock is still held on its session: false once the session died (process of the
   * server side killed, connection cut, `pg_terminate_backend`), in which case another relay may lead.
   */
  stillHeld(): Promise<boolean>;
  /** Called at once when the lock's connection closes (no need to wait for the next check). */
  onLost(listener: () => void): void;
  /** Gives the lock up (closes its session). */
  release(): Promise<void>;
}

/** The `application_name` of the lock's session: an operator (or a test) finds the leader in pg_stat_activity by it. */
export const RELAY_LOCK_APPLICATION_NAME = 'storefleet-relay-leader';

const NAMESPACE = LOCK_NAMESPACES.outboxRelay;

/**
 * The relay's leader lock: a session-level advisory lock (`pg_try_advisory_lock(outboxRelay, 0)`) on the
 * default database, held on one connection of its own straight to PostgreSQL (DATABASE_DIRECT_URL
 * behind a transaction-pooling bouncer, which would hand the session to someone else). The lock lives as
 * long as that session: when the leader's process dies or its connection is cut, the server ends the
 * session and a standby's next try succeeds.
 *
 * The connection never idles out or ages out (postgres.js would otherwise recycle it after 30–60 minutes
 * and reconnect silently, without the lock). Should it close anyway, `onLost` fires; `stillHeld` also
 * asks the server whether this very session holds the lock, so a reconnect can never pass for the old
 * session.
 *
 * Why a lock and not a job queue: the relay is one loop, not many jobs. A lock held by a session needs no
 * lease to renew, frees itself when its holder dies, and costs one idle connection per instance.
 */
function postgresLeaderLock(directUrl: string, checkTimeoutMs: number): LeaderLock {
  let client: Sql | undefined;
  let held = false;
  const listeners: Array<() => void> = [];

  const lost = (reason: string) => {
    if (!held) return;
    held = false;
    log.warn({ reason }, 'outbox relay lost its leader lock');
    for (const listener of listeners) listener();
  };

  const open = async (): Promise<Sql> => {
    if (client) return client;
    const { default: postgres } = await import('postgres');
    const opened: Sql = postgres(directUrl, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: 0,
      onnotice: () => {},
      connection: { application_name: RELAY_LOCK_APPLICATION_NAME },
      onclose: () => {
        // A session dropped on purpose (drop, release) is no longer `client`: only the current one counts.
        if (client !== opened) return;
        // The session is gone, and the lock with it. The next try opens a new session.
        client = undefined;
        void opened.end({ timeout: 0 });
        lost('connection closed');
      },
    });
    client = opened;
    return opened;
  };

  /** Drops the session (a connection that stopped answering may still hold the lock on the server until it notices). */
  const drop = async () => {
    const current = client;
    client = undefined;
    await current?.end({ timeout: 0 });
  };

  const withTimeout = async <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the leader lock's connection did not answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async tryAcquire() {
      try {
        const sql = await open();
        const [row] = await withTimeout(sql<{ ok: boolean }[]>`select pg_try_advisory_lock(${NAMESPACE}::int4, 0) as ok`);
        held = row?.ok === true;
        return held;
      } catch (error) {
        log.warn({ err: error, url: redactUrl(directUrl) }, 'outbox relay could not try its leader lock');
        await drop();
        held = false;
        return false;
      }
    },
    async stillHeld() {
      if (!held || !client) return false;
      try {
        const [row] = await withTimeout(
          client<{ held: boolean }[]>`select exists (
            select 1 from pg_locks where locktype = 'advisory' and classid = ${NAMESPACE}::int4::oid and objid = 0 and objsubid = 2
              and pid = pg_backend_pid() and granted and database = (select oid from pg_database where datname = current_database())
          ) as held`,
        );
        if (row?.held !== true) lost('the session no longer holds the lock');
      } catch (error) {
        log.warn({ err: error }, 'outbox relay could not check its leader lock');
        await drop();
        lost('check failed');
      }
      return held;
    },
    onLost(listener) {
      listeners.push(listener);
    },
    async release() {
      held = false;
      await drop();
    },
  };
}

/** PGlite is opened by one process only: that process is the only relay there can be, and leads. */
function embeddedLeaderLock(): LeaderLock {
  let held = false;
  return {
    async tryAcquire() {
      held = true;
      return true;
    },
    async stillHeld() {
      return held;
    },
    onLost() {},
    async release() {
      held = false;
    },
  };
}

/** The leader lock for the registry's default database. */
export function leaderLockFor(registry: ConnectionRegistry, checkTimeoutMs: number): LeaderLock {
  const directUrl = registry.directUrlFor(DEFAULT_CONNECTION);
  return databaseKind(directUrl) === 'pglite' ? embeddedLeaderLock() : postgresLeaderLock(directUrl, checkTimeoutMs);
}
