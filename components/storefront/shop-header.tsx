import Link from 'next/link';
import type { Tenant } from '@/db/schema';
import { ShopLogo } from './shop-logo';

export function ShopHeader({
  tenant,
  kinds,
  customerName,
  cartCount,
}: {
  tenant: Tenant;
  kinds: Array<'tyre' | 'wheel'>;
  customerName: string | null;
  cartCount: number | null;
}) {
  return (
    <header className="bg-brand text-brand-contrast shadow-sm">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-3 font-semibold">
          <ShopLogo tenant={tenant} />
          <span className="text-lg leading-tight">{tenant.name}</span>
        </Link>
        <nav aria-label="Catalog" className="flex gap-4 text-sm font-medium opacity-90">
          {kinds.includes('tyre') ? (
            <Link href="/products?kind=tyre" className="hover:underline">
              Tyres
            </Link>
          ) : null}
          {kinds.includes('wheel') ? (
            <Link href="/products?kind=wheel" className="hover:underline">
              Wheels
            </Link>
          ) : null}
          <Link href="/products" className="hover:underline">
            All products
          </Link>
        </nav>
        <Link
          href={customerName ? '/account' : '/account/sign-in'}
          className="ml-auto text-sm font-medium hover:underline sm:order-last sm:ml-0"
          data-testid="account-link"
        >
          {customerName ? (
            <>
              <span className="sr-only">Your account: </span>
              {customerName}
            </>
          ) : (
            'Sign in'
          )}
        </Link>
        {cartCount !== null ? (
          <Link href="/cart" className="text-sm font-medium hover:underline sm:order-last" data-testid="cart-link">
            Cart{cartCount > 0 ? ` (${cartCount})` : ''}
          </Link>
        ) : null}
        <form action="/products" method="get" role="search" className="order-last flex w-full gap-2 sm:order-none sm:ml-auto sm:w-auto">
          <label htmlFor="site-search" className="sr-only">
            Search products
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            placeholder="Search or size, e.g. 205/55 R16"
            className="w-full min-w-0 rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 sm:w-72"
          />
          <button type="submit" className="bg-accent text-accent-contrast rounded-md px-4 py-2 text-sm font-semibold">
            Search
          </button>
        </form>
      </div>
    </header>
  );
}
