import type { Metadata } from 'next';
import { AssortmentForm } from '@/app/dashboard/[host]/(signed-in)/assortment/assortment-form';
import { platformDb } from '@/db/connection-registry';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { countAllArticles, countArticlesFor } from '@/lib/catalog/assortment-rules';
import { allowedScopeFor } from '@/lib/catalog/assortment-scope';
import { loadVisibilityRules } from '@/lib/catalog/visibility';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Assortment' };

type Props = { params: Promise<{ host: string }> };

export default async function AssortmentPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const staff = await requireStaffPage(tenant.id);
  const db = await platformDb();
  // Read fresh, not from the storefront's memo: the owner must see what was just saved.
  const rules = await loadVisibilityRules(db, tenant.id);
  const [scope, shown, total] = await Promise.all([allowedScopeFor(db, tenant.id), countArticlesFor(db, rules), countAllArticles(db)]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Assortment</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          Choose which brands, categories and vehicle makes your shop offers. In each group, ticking nothing means everything: tick only the ones you want to
          narrow it down to. An article is shown when it passes all three groups.
        </p>
      </div>
      <AssortmentForm scope={scope} rules={rules} shownCount={shown} catalogCount={total} canEdit={staff.role === 'owner'} />
    </div>
  );
}
