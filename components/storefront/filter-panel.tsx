'use client';

import { useState } from 'react';

/** On phones the filters fold away behind a button; on wide screens they are always shown. */
export function FilterPanel({ activeCount, children }: { activeCount: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="catalog-filters"
        onClick={() => setOpen((v) => !v)}
        className="flex w-full items-center justify-between rounded-md border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold lg:hidden"
      >
        <span>Filters{activeCount > 0 ? ` (${activeCount})` : ''}</span>
        <span aria-hidden>{open ? '▴' : '▾'}</span>
      </button>
      <div id="catalog-filters" className={`${open ? 'block' : 'hidden'} mt-3 lg:mt-0 lg:block`}>
        {children}
      </div>
    </div>
  );
}
