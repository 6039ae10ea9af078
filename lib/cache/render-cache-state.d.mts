export interface RenderCacheState {
  clock: number;
  hostTenant: Map<string, string>;
  tenantChangedAt: Map<string, number>;
  allChangedAt: number;
  tagChangedAt: Map<string, number>;
  /** Set by the cache handler once Next.js has loaded it: what the cache holds. */
  stats?: () => { entries: number; bytes: number; maxBytes: number };
}
export function renderCacheState(): RenderCacheState;
export function tick(state: RenderCacheState): number;
