import { clsx } from 'clsx';
import Link from 'next/link';

const tabs = [
  { key: 'articles', href: '/catalog', label: 'Articles' },
  { key: 'import', href: '/catalog/import', label: 'Import CSV' },
  { key: 'prices', href: '/catalog/prices', label: 'Base prices' },
  { key: 'taxonomy', href: '/catalog/taxonomy', label: 'Brands & categories' },
] as const;

/** The catalog's own sections, under the page title. */
export function CatalogTabs({ current }: { current: (typeof tabs)[number]['key'] }) {
  return (
    <nav aria-label="Catalog" className="-mx-4 overflow-x-auto border-b border-slate-200 px-4">
      <ul className="flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? 'page' : undefined}
              className={clsx(
                '-mb-px block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                tab.key === current ? 'border-slate-900 text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
