/**
 * State shared by the render cache handler (loaded by the Next.js server itself) and the app's code
 * (bundled separately), hence kept on globalThis. `tagChangedAt` records Next's own `revalidateTag` calls
 * in this process (the wall clock of each).
 *
 * `versions` holds the cache versions this process knows (lib/cache/cache-versions.ts fills it from each
 * database's cache_versions table), keyed `<connection name>:<scope>`; `tenantPlane` the dedicated
 * connection of each tenant that has one. Both are absolute numbers from the databases, so a stamp taken
 * on one instance means the same on every other, whenever either started.
 *
 * @typedef {{
 *   tagChangedAt: Map<string, number>,
 *   following: boolean,
 *   versions: Map<string, number>,
 *   tenantPlane: Map<string, string>,
 *   stampFor: (tenantId: string) => string,
 *   isCurrent: (stamp: string) => boolean,
 *   stats?: () => { entries: number, bytes: number, maxBytes: number },
 * }} RenderCacheState
 */

const DEFAULT_CONNECTION = 'default';
const ALL_TENANTS = '*';

/**
 * The keys of `versions` that bear on a tenant's pages: its scope on the platform database (settings,
 * domains, visibility, prices), the shared catalog (`*`), and its scope on its own dedicated database.
 * @param {RenderCacheState} state
 * @param {string} tenantId
 */
function stampKeys(state, tenantId) {
  const keys = [`${DEFAULT_CONNECTION}:${tenantId}`, `${DEFAULT_CONNECTION}:${ALL_TENANTS}`];
  const plane = state.tenantPlane.get(tenantId);
  if (plane && plane !== DEFAULT_CONNECTION) keys.push(`${plane}:${tenantId}`);
  return keys;
}

/**
 * `key=version|key=version…` as known now; a scope never bumped is version 0.
 * @param {RenderCacheState} state
 * @param {string} tenantId
 */
function stampFor(state, tenantId) {
  return stampKeys(state, tenantId)
    .map((key) => `${key}=${state.versions.get(key) ?? 0}`)
    .join('|');
}

/**
 * False when this process knows a newer version of any scope in the stamp, cannot read the stamp, or does
 * not follow the versions yet.
 * @param {RenderCacheState} state
 * @param {string} stamp
 */
function isCurrent(state, stamp) {
  // Until this process has read the versions (at start, or again after it stopped following them) it
  // cannot tell an outdated page from a current one: a page rendered elsewhere is then a miss.
  if (!state.following) return false;
  if (typeof stamp !== 'string' || stamp === '') return false;
  for (const part of stamp.split('|')) {
    const at = part.lastIndexOf('=');
    if (at <= 0) return false;
    const stamped = Number(part.slice(at + 1));
    if (!Number.isSafeInteger(stamped)) return false;
    if ((state.versions.get(part.slice(0, at)) ?? 0) > stamped) return false;
  }
  return true;
}

/**
 * A fresh state object (the process-wide one is `renderCacheState()`; tests build others to stand for
 * other instances).
 * @returns {RenderCacheState}
 */
export function createRenderCacheState() {
  /** @type {RenderCacheState} */
  const state = {
    tagChangedAt: new Map(),
    following: false,
    versions: new Map(),
    tenantPlane: new Map(),
    stampFor: (tenantId) => stampFor(state, tenantId),
    isCurrent: (stamp) => isCurrent(state, stamp),
  };
  return state;
}

/** @returns {RenderCacheState} */
export function renderCacheState() {
  const g = /** @type {{ __storefleetRenderCache?: RenderCacheState }} */ (globalThis);
  const state = (g.__storefleetRenderCache ??= createRenderCacheState());
  // A state made by an older copy of this module (a dev server's hot reload) gains what it lacks.
  if (!state.versions) {
    const fresh = createRenderCacheState();
    Object.assign(state, {
      versions: fresh.versions,
      tenantPlane: fresh.tenantPlane,
      stampFor: (/** @type {string} */ id) => stampFor(state, id),
      isCurrent: (/** @type {string} */ s) => isCurrent(state, s),
    });
  }
  return state;
}
