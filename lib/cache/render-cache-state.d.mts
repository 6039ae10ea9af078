export interface RenderCacheState {
  clock: number;
  hostTenant: Map<string, string>;
  tenantChangedAt: Map<string, number>;
  allChangedAt: number;
  tagChangedAt: Map<string, number>;
  /** Set by the cache handler once Next.js has loaded it: what the cache holds. */
  stats?: () => { entries: number; live: number; bytes: number; maxBytes: number; shared: boolean };
  /** An opaque stamp of the cache versions that bear on this tenant's pages, as known now. */
  stampFor?: (tenantId: string) => string;
  /** False when this process knows a newer version of any scope in the stamp. */
  isCurrent?: (stamp: string) => boolean;
}
export function renderCacheState(): RenderCacheState;
export function tick(state: RenderCacheState): number;
