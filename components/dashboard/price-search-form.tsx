/** A plain GET form: the search works before (and without) any JavaScript. */
export function PriceSearchForm({ q }: { q: string }) {
  return (
    <form role="search" action="/dashboard/prices" method="get" className="flex flex-col gap-2 sm:flex-row">
      <label htmlFor="price-search" className="sr-only">
        Search articles
      </label>
      <input
        id="price-search"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={100}
        placeholder="SKU or article name"
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
      />
      <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white">
        Search
      </button>
    </form>
  );
}

export function priceListHref(query: { q?: string; article?: number }): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.article) params.set('article', String(query.article));
  const search = params.toString();
  return `/dashboard/prices${search ? `?${search}` : ''}`;
}
