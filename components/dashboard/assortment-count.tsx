'use client';

import { useEffect, useState } from 'react';
import type { VisibilityRules } from '@/lib/catalog/visibility';

const same = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const sameRules = (a: VisibilityRules, b: VisibilityRules) =>
  same(a.brandIds, b.brandIds) && same(a.categoryIds, b.categoryIds) && same(a.vehicleBrandIds, b.vehicleBrandIds);
const number = (n: number) => n.toLocaleString('en-GB');

type Draft = { status: 'idle' | 'counting' | 'done' | 'failed'; count?: number };

/**
 * The count under the saved rules, and, once a box changes, under the draft: asked from the server a
 * moment after the last click (the storefront's own filter, so the number is what buyers will get).
 */
export function AssortmentCount({
  draft,
  saved,
  shownCount,
  catalogCount,
}: {
  draft: VisibilityRules;
  saved: VisibilityRules;
  shownCount: number;
  catalogCount: number;
}) {
  const changed = !sameRules(draft, saved);
  const [result, setResult] = useState<Draft>({ status: 'idle' });
  useEffect(() => {
    if (!changed) return;
    const controller = new AbortController();
    setResult((r) => ({ ...r, status: 'counting' }));
    const timer = setTimeout(async () => {
      try {
        const response = await fetch('/dashboard/assortment/count', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(draft),
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const { count } = (await response.json()) as { count: number };
        setResult({ status: 'done', count });
      } catch {
        if (!controller.signal.aborted) setResult({ status: 'failed' });
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, changed]);

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-600" data-testid="assortment-current-count">
        Your shop shows <strong className="text-slate-900">{number(shownCount)}</strong> of {number(catalogCount)} articles now.
      </p>
      <p role="status" aria-live="polite" className="mt-1 text-lg font-semibold" data-testid="assortment-draft-count">
        {!changed
          ? 'No unsaved changes.'
          : result.status === 'failed'
            ? 'The count could not be updated. Saving still works.'
            : result.status === 'done' && result.count !== undefined
              ? `The shop will show ${number(result.count)} of ${number(catalogCount)} articles.`
              : 'Counting…'}
      </p>
      {changed && result.status === 'done' && result.count === 0 ? (
        <p className="mt-1 text-sm font-medium text-amber-800">With these choices your shop would be empty.</p>
      ) : null}
    </div>
  );
}
