import type { TenantListQuery } from '@/lib/tenancy/tenant-schemas';
import { adminSecondaryButton } from './styles';

/** A plain GET form: the filters live in the URL, so a filtered list can be bookmarked and shared. */
export function TenantFilters({ query }: { query: TenantListQuery }) {
  const control = 'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm';
  return (
    <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end" role="search">
      <div>
        <label htmlFor="tenant-q" className="mb-1 block text-sm font-medium">
          Search
        </label>
        <input id="tenant-q" name="q" type="search" defaultValue={query.q ?? ''} placeholder="Name, subdomain or domain" className={control} />
      </div>
      <div>
        <label htmlFor="tenant-status" className="mb-1 block text-sm font-medium">
          Status
        </label>
        <select id="tenant-status" name="status" defaultValue={query.status ?? ''} className={control}>
          <option value="">Any</option>
          <option value="active">Active</option>
          <option value="inactive">Inactive</option>
        </select>
      </div>
      <div>
        <label htmlFor="tenant-plan" className="mb-1 block text-sm font-medium">
          Plan
        </label>
        <select id="tenant-plan" name="plan" defaultValue={query.plan ?? ''} className={control}>
          <option value="">Any</option>
          <option value="standard">Standard</option>
          <option value="premium">Premium</option>
        </select>
      </div>
      <button type="submit" className={adminSecondaryButton}>
        Filter
      </button>
    </form>
  );
}
