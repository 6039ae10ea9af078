import type { Executor } from '@/db/client';
import { TenantMemo } from '@/lib/cache/tenant-memo';
import { listVisibleKinds } from './visible-kinds';
import { loadVisibilityRules, type VisibilityRules } from './visibility';

export interface TenantCatalogContext {
  rules: VisibilityRules;
  kinds: Array<'tyre' | 'wheel'>;
}

// Kept until the tenant's cache versions move on (a rule change, or `*` for the catalog); the 60 s apply
// only where versions are not followed.
const memo = new TenantMemo<TenantCatalogContext>(60_000);

/** A tenant's visibility rules and the product kinds it shows: read on every page, changed rarely (two statements). */
export function getTenantCatalogContext(db: Executor, tenantId: string): Promise<TenantCatalogContext> {
  return memo.get(tenantId, 'context', async () => {
    const rules = await loadVisibilityRules(db, tenantId);
    return { rules, kinds: await listVisibleKinds(db, rules) };
  });
}
