import { catalogQueryToSearch, type CatalogQuery } from '@/lib/catalog/catalog-query';

function pageWindow(page: number, pageCount: number): number[] {
  const pages = new Set([1, pageCount, page - 1, page, page + 1]);
  return [...pages].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
}

/**
 * The first pages are plain `page=N` links: skipping a few hundred rows of an index-only scan costs
 * little, and those pages are the same for every signed-out visitor, so they come from the render cache.
 * Past them, Next carries a keyset cursor (`after`), so paging on never makes the database skip rows.
 */
const KEYSET_AFTER_PAGE = 20;

/** Plain links, as on the product cards (product-grid.tsx): a prefetch per page number buys nothing. */
export function Pagination({ query, pageCount, nextAfter }: { query: CatalogQuery; pageCount: number; nextAfter?: number }) {
  if (pageCount <= 1) return null;
  const href = (page: number, after?: number) => `/products${catalogQueryToSearch({ ...query, page, after })}`;
  const pages = pageWindow(query.page, pageCount);
  const linkClass = 'min-w-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-center hover:bg-slate-100';
  return (
    <nav aria-label="Pagination" className="mt-8 flex flex-wrap items-center justify-center gap-2 text-sm">
      {query.page > 1 ? (
        <a className={linkClass} href={href(query.page - 1)} rel="prev">
          ‹ Previous
        </a>
      ) : null}
      {pages.map((p, i) => (
        <span key={p} className="contents">
          {i > 0 && p - (pages[i - 1] ?? p) > 1 ? (
            <span aria-hidden className="px-1 text-slate-400">
              …
            </span>
          ) : null}
          {p === query.page ? (
            <span aria-current="page" className="bg-brand text-brand-contrast min-w-10 rounded-md px-3 py-2 text-center font-semibold">
              {p}
            </span>
          ) : (
            <a className={linkClass} href={href(p)}>
              {p}
            </a>
          )}
        </span>
      ))}
      {query.page < pageCount ? (
        <a className={linkClass} href={href(query.page + 1, query.page >= KEYSET_AFTER_PAGE ? nextAfter : undefined)} rel="next">
          Next ›
        </a>
      ) : null}
    </nav>
  );
}
