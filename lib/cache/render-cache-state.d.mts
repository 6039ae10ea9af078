export interface RenderCacheState {
  clock: number;
  hostTenant: Map<string, string>;
  tenantChangedAt: Map<string, number>;
  allChangedAt: number;
  tagChangedAt: Map<string, number>;
}
export function renderCacheState(): RenderCacheState;
export function tick(state: RenderCacheState): number;
