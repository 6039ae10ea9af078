export interface RenderCacheState {
  tagChangedAt: Map<string, number>;
  /** True once this process has read the cache versions and follows them (lib/cache/cache-versions.ts). */
  following: boolean;
  /** Cache versions known to this process, keyed `<connection name>:<scope>` (lib/cache/cache-versions.ts). */
  versions: Map<string, number>;
  /** Tenant id → its dedicated connection name, for tenants that have one. */
  tenantPlane: Map<string, string>;
  /** An opaque stamp of the versions that bear on this tenant's pages, as known now. */
  stampFor(tenantId: string): string;
  /** False when this process knows a newer version of any scope in the stamp. */
  isCurrent(stamp: string): boolean;
  /** Set by the cache handler once Next.js has loaded it: what the cache holds. */
  stats?: () => { entries: number; live: number; bytes: number; maxBytes: number; shared: boolean };
}
export function createRenderCacheState(): RenderCacheState;
export function renderCacheState(): RenderCacheState;
