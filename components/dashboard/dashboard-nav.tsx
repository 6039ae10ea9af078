'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const items = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/orders', label: 'Orders' },
  { href: '/dashboard/customers', label: 'Customers' },
  { href: '/dashboard/prices', label: 'Prices' },
  { href: '/dashboard/assortment', label: 'Assortment' },
  { href: '/dashboard/coupons', label: 'Coupons & loyalty' },
  { href: '/dashboard/branding', label: 'Branding' },
  { href: '/dashboard/settings', label: 'Settings' },
  { href: '/dashboard/staff', label: 'Staff' },
  { href: '/dashboard/account', label: 'Your account' },
];

/** The dashboard's sections; a row of tabs on a phone, a column beside the page from `md` up. */
export function DashboardNav() {
  const pathname = usePathname();
  const current = (href: string) => (href === '/dashboard' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Dashboard" className="-mx-4 overflow-x-auto px-4 md:mx-0 md:px-0">
      <ul className="flex gap-1 md:flex-col">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current(item.href) ? 'page' : undefined}
              className={clsx(
                'block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap',
                current(item.href) ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-200',
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
