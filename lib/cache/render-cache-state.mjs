/**
 * State shared by the render cache handler (loaded by the Next.js server itself) and the app's code
 * (bundled separately), hence kept on globalThis. A logical clock orders renders and invalidations, so
 * "rendered before this tenant last changed" has no ties.
 *
 * @typedef {{
 *   clock: number,
 *   hostTenant: Map<string, string>,
 *   tenantChangedAt: Map<string, number>,
 *   allChangedAt: number,
 *   tagChangedAt: Map<string, number>,
 *   stats?: () => { entries: number, bytes: number, maxBytes: number },
 * }} RenderCacheState
 */

/** @returns {RenderCacheState} */
export function renderCacheState() {
  const g = /** @type {{ __storefleetRenderCache?: RenderCacheState }} */ (globalThis);
  g.__storefleetRenderCache ??= { clock: 0, hostTenant: new Map(), tenantChangedAt: new Map(), allChangedAt: 0, tagChangedAt: new Map() };
  return g.__storefleetRenderCache;
}

/** @param {RenderCacheState} state */
export function tick(state) {
  state.clock += 1;
  return state.clock;
}
