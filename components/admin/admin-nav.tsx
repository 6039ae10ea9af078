'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const items = [
  { href: '/', label: 'Tenants' },
  { href: '/catalog', label: 'Catalog' },
  { href: '/orders', label: 'Orders' },
  { href: '/customers', label: 'Customers' },
  { href: '/audit', label: 'Audit log' },
  { href: '/account', label: 'Account' },
];

/** The console's sections, as a row of tabs under the header. */
export function AdminNav() {
  const pathname = usePathname();
  const current = (href: string) => (href === '/' ? pathname === '/' || pathname.startsWith('/tenants') : pathname.startsWith(href));
  return (
    <nav aria-label="Console" className="-mx-4 overflow-x-auto px-4">
      <ul className="flex gap-1">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current(item.href) ? 'page' : undefined}
              className={clsx(
                'block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap',
                current(item.href) ? 'bg-white text-slate-900' : 'text-slate-200 hover:bg-slate-700',
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
