import type { Tenant } from '@/db/schema';
import { initials } from '@/lib/branding/theme';

/** The tenant's logo, or a monogram in its colours when it has none. */
export function ShopLogo({ tenant, size = 40 }: { tenant: Pick<Tenant, 'name' | 'logoUrl'>; size?: number }) {
  if (tenant.logoUrl) {
    // A plain <img>: logos are tenant data URLs or uploads, not build assets
    return <img src={tenant.logoUrl} alt={`${tenant.name} logo`} width={size} height={size} className="shrink-0 rounded-[10px] ring-2 ring-white/80" />;
  }
  return (
    <span
      role="img"
      aria-label={`${tenant.name} logo`}
      style={{ width: size, height: size }}
      className="bg-accent text-accent-contrast grid shrink-0 place-items-center rounded-md text-sm font-bold"
    >
      {initials(tenant.name)}
    </span>
  );
}
