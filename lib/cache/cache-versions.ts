import { inArray, isNotNull, sql } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { DEFAULT_CONNECTION, type ConnectionRegistry } from '@/db/connection-registry';
import { dedicatedConnectionNames } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { tenants } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import type { RenderCacheState } from './render-cache-state.mjs';

/**
 * Cache versions: what makes an instance's caches follow changes made anywhere, without trusting a single
 * notification. Every database (the default one and each dedicated one) has a `cache_versions` row per scope
 * (a tenant id, or `*` for the shared catalog), bumped by triggers in the same transaction as the change
 * (migration 0018). Each instance
 * - loads every plane's versions at start;
 * - polls each plane every CACHE_VERSION_POLL_MS for rows bumped since its last look (`changed_seq` is the
 *   bumping transaction's id; rows written by transactions still running at the last look are read again);
 * - polls at once when a bump's NOTIFY arrives (the fast path) and whenever its LISTEN connection
 *   (re)connects, since notifications sent while it was away are lost;
 * - calls `onAdvance(scope)` once for every scope whose version went up.
 * The versions land in `state.versions` (`<connection>:<scope>`), from which the render cache stamps pages
 * (render-cache-state.mjs). See docs/cache-versions.md.
 */

export const CACHE_CHANNEL = 'storefleet_cache';
const DEFAULT_CACHE_VERSION_POLL_MS = 500;
const MIN_POLL_MS = 10;
const MAX_POLL_MS = 60_000;
const DEDICATED_START_WAIT_MS = 2_000;

/** CACHE_VERSION_POLL_MS, checked at start-up (instrumentation.ts): the longest a missed notification costs. */
export function cacheVersionPollMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CACHE_VERSION_POLL_MS?.trim().replaceAll('_', '');
  if (!raw) return DEFAULT_CACHE_VERSION_POLL_MS;
  const ms = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(ms >= MIN_POLL_MS && ms <= MAX_POLL_MS)) {
    throw new AppError('INTERNAL', `CACHE_VERSION_POLL_MS must be a whole number of milliseconds from ${MIN_POLL_MS} to ${MAX_POLL_MS}.`, {
      details: { variable: 'CACHE_VERSION_POLL_MS' },
    });
  }
  return ms;
}

export interface CacheVersionSyncOptions {
  registry: ConnectionRegistry;
  /** Where the versions and the tenants' dedicated planes are kept (the render cache's state). */
  state: Pick<RenderCacheState, 'versions' | 'tenantPlane' | 'following'>;
  /** Called once per scope whose version advanced (`*`: the shared catalog). Not for the initial load. */
  onAdvance: (scope: string) => void;
  pollMs?: number;
  /**
   * Subscribe to the bumps' NOTIFY (default true). Only a fast path: without it (a tool that merely
   * reads, or a test proving as much) every change still arrives within one poll interval.
   */
  listen?: boolean;
}

interface Plane {
  name: string;
  connection?: Connection;
  /** Oldest transaction still running at the last look; null before the first successful one. */
  since: string | null;
  /** The poll that will start after the current one, shared by everyone who asks meanwhile. */
  next: Promise<boolean> | null;
  running: Promise<boolean> | null;
  listening: boolean;
  unlisten?: () => Promise<void>;
  failing: boolean;
  listenFailing: boolean;
}

/** `<scope>@<version>` (the triggers); a bare scope is a notice from elsewhere (psql, an older instance). */
function parseNotice(payload: string): { scope: string; version: number | null } {
  const at = payload.lastIndexOf('@');
  if (at > 0) {
    const version = Number(payload.slice(at + 1));
    if (Number.isSafeInteger(version)) return { scope: payload.slice(0, at), version };
  }
  return { scope: payload || '*', version: null };
}

export class CacheVersionSync {
  private readonly planes = new Map<string, Plane>();
  private readonly pollMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly options: CacheVersionSyncOptions) {
    this.pollMs = options.pollMs ?? cacheVersionPollMs();
  }

  /**
   * Loads every plane's versions and subscribes. Fails when the default database cannot be read; waits for
   * a dedicated database at most DEDICATED_START_WAIT_MS (one that is down must not hold up every request of
   * a starting instance): until its versions are in, stamps carry 0 for it, which only ever makes a page a miss.
   */
  async start(): Promise<void> {
    const { registry } = this.options;
    await this.loadTenantPlanes();
    const names = new Set([...(await dedicatedConnectionNames(registry)), ...this.options.state.tenantPlane.values()]);
    names.delete(DEFAULT_CONNECTION);
    const dedicated = Promise.all([...names].map((name) => this.addPlane(name)));
    await this.addPlane(DEFAULT_CONNECTION);
    if (!this.planes.get(DEFAULT_CONNECTION)?.since) throw new Error('cache versions of the default database could not be read');
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([dedicated, new Promise<void>((resolve) => (waited = setTimeout(resolve, DEDICATED_START_WAIT_MS)))]);
    clearTimeout(waited);
    if (this.stopped) return;
    this.options.state.following = true;
    this.timer = setInterval(() => void this.pollAll(), this.pollMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.state.following = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.planes.values()].map((plane) => plane.unlisten?.()));
  }

  /** Polls every plane once more, starting now; true when every plane answered. */
  async syncNow(): Promise<boolean> {
    const results = await Promise.all([...this.planes.values()].map((plane) => this.request(plane)));
    return results.every(Boolean);
  }

  planeNames(): string[] {
    return [...this.planes.keys()];
  }

  private pollAll(): void {
    for (const plane of this.planes.values()) {
      void this.request(plane).then((answered) => {
        // Subscribing again is worth trying only while the database answers at all.
        if (answered && !plane.listening) void this.listen(plane);
      });
    }
  }

  private async addPlane(name: string): Promise<void> {
    if (this.planes.has(name) || this.stopped) return;
    const plane: Plane = { name, since: null, next: null, running: null, listening: false, failing: false, listenFailing: false };
    this.planes.set(name, plane);
    await this.request(plane);
    await this.listen(plane);
  }

  private async listen(plane: Plane): Promise<void> {
    if (plane.listening || this.stopped || this.options.listen === false) return;
    plane.listening = true;
    try {
      plane.connection ??= await this.options.registry.get(plane.name);
      plane.unlisten = await plane.connection.listen(
        CACHE_CHANNEL,
        (payload) => this.notice(plane, payload),
        // First subscription and every reconnect: whatever was notified meanwhile is read from the table.
        () => void this.request(plane),
      );
      plane.listenFailing = false;
    } catch (error) {
      plane.listening = false; // the poll covers; the next tick tries to subscribe again
      if (!plane.listenFailing) log.warn({ connection: plane.name, err: error }, 'cache version listener failed');
      plane.listenFailing = true;
    }
  }

  private notice(plane: Plane, payload: string): void {
    const { scope, version } = parseNotice(payload);
    if (version === null) {
      // Not a bump: nothing to read, so the notice itself is what there is to act on.
      this.fire(scope);
      return;
    }
    if ((this.options.state.versions.get(`${plane.name}:${scope}`) ?? 0) >= version) return;
    void this.request(plane);
  }

  /** The next poll of this plane that starts after this call (polls of one plane never overlap). */
  private request(plane: Plane): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    plane.next ??= (async () => {
      await plane.running;
      plane.next = null;
      plane.running = this.poll(plane);
      try {
        return await plane.running;
      } finally {
        plane.running = null;
      }
    })();
    return plane.next;
  }

  private async poll(plane: Plane): Promise<boolean> {
    try {
      plane.connection ??= await this.options.registry.get(plane.name);
      const since = plane.since ?? '0';
      // One statement, one snapshot: the rows and the oldest transaction it could not see yet.
      const result = await plane.connection.db.execute(sql`
        select pg_snapshot_xmin(pg_current_snapshot())::text as since,
          (select coalesce(json_agg(json_build_array(scope, version, changed_seq)), '[]'::json)
             from cache_versions where changed_seq >= ${since}::bigint) as rows`);
      const [row] = rowsOf<{ since: string; rows: unknown }>(result);
      const rows = (typeof row!.rows === 'string' ? JSON.parse(row!.rows) : row!.rows) as Array<[string, number | string, number | string]>;
      const initial = plane.since === null;
      const advanced: string[] = [];
      for (const [scope, rawVersion] of rows) {
        const key = `${plane.name}:${scope}`;
        const version = Number(rawVersion);
        const known = this.options.state.versions.get(key);
        if (known !== undefined && known >= version) continue;
        this.options.state.versions.set(key, version);
        // Caches drop the scope's entries in this same tick: no render can take a stamp with the new
        // version and still find what was cached before it.
        if (!initial) {
          advanced.push(scope);
          this.fire(scope);
        }
      }
      plane.since = row!.since;
      if (plane.failing) log.info({ connection: plane.name }, 'cache versions readable again');
      plane.failing = false;
      if (advanced.length > 0) await this.advanced(plane, advanced);
      return true;
    } catch (error) {
      if (!plane.failing && !this.stopped) log.warn({ connection: plane.name, err: error }, 'cache versions could not be read');
      plane.failing = true;
      return false;
    }
  }

  private async advanced(plane: Plane, scopes: string[]): Promise<void> {
    if (plane.name === DEFAULT_CONNECTION) {
      const tenantIds = scopes.filter((scope) => scope !== '*');
      // A tenants row may have changed its dedicated database: the stamps must name the right plane.
      if (tenantIds.length > 0) await this.loadTenantPlanes(tenantIds).catch((error: unknown) => log.warn({ err: error }, 'tenant planes not reloaded'));
    }
  }

  private fire(scope: string): void {
    try {
      this.options.onAdvance(scope);
    } catch (error) {
      log.error({ err: error, scope }, 'cache invalidation handler failed');
    }
  }

  /** Which tenants have a dedicated database (all of them, or the given ones again), from the default database. */
  private async loadTenantPlanes(tenantIds?: string[]): Promise<void> {
    const connection = await this.options.registry.get(DEFAULT_CONNECTION);
    const { tenantPlane } = this.options.state;
    const rows = await connection.db
      .select({ id: tenants.id, plane: tenants.dedicatedDatabase })
      .from(tenants)
      .where(tenantIds ? inArray(tenants.id, tenantIds) : isNotNull(tenants.dedicatedDatabase));
    if (tenantIds) for (const id of tenantIds) tenantPlane.delete(id);
    for (const row of rows) if (row.plane) tenantPlane.set(row.id, row.plane);
    if (!this.timer) return; // at start the planes are added afterwards
    for (const row of rows) if (row.plane && !this.planes.has(row.plane)) await this.addPlane(row.plane);
  }
}
