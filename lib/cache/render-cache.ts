import { ALL_TENANTS, onTenantInvalidated } from './cache-invalidation';
import { renderCacheState, tick } from './render-cache-state.mjs';

/**
 * The app's side of the render cache (`render-cache-handler.mjs`): which tenant each cached host
 * serves, and when each tenant last changed. A tenant change (settings, domains, visibility rules,
 * prices; `*` for the shared catalog) reaches every instance through PostgreSQL (`cache-invalidation`)
 * and makes every page rendered for that tenant before it a miss, so the next request renders afresh.
 */
onTenantInvalidated((tenantId) => {
  const state = renderCacheState();
  if (tenantId === ALL_TENANTS) state.allChangedAt = tick(state);
  else state.tenantChangedAt.set(tenantId, tick(state));
});

/** Called while rendering a cached page: its host serves this tenant. */
export function noteCachedHost(host: string, tenantId: string): void {
  renderCacheState().hostTenant.set(host, tenantId);
}
