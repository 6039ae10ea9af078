import type { Tenant } from '@/db/schema';

export function ShopFooter({ tenant }: { tenant: Tenant }) {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-col gap-1 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:justify-between sm:px-6">
        <p>
          © {new Date().getFullYear()} {tenant.name}
        </p>
        <p>
          Prices in {tenant.currency}, {tenant.salesMode === 'b2b' ? 'excluding VAT' : 'including VAT'}. Contact:{' '}
          <a className="underline" href={`mailto:${tenant.fromEmailAddress}`}>
            {tenant.fromEmailAddress}
          </a>
        </p>
      </div>
    </footer>
  );
}
