'use client';

import { useId, useState } from 'react';

type Option = { id: number; name: string; group?: string };

type Props = {
  name: string;
  title: string;
  allLabel: string;
  hint?: string;
  options: Option[];
  selected: number[];
  onChange: (ids: number[]) => void;
  searchable?: boolean;
};

/**
 * One visibility axis. Boxes filtered out by the search are hidden, not removed, so they still count and
 * are still submitted.
 */
export function AssortmentGroup({ name, title, allLabel, hint, options, selected, onChange, searchable }: Props) {
  const id = useId();
  const [search, setSearch] = useState('');
  const chosen = new Set(selected);
  const needle = search.trim().toLowerCase();
  const matches = (o: Option) => !needle || o.name.toLowerCase().includes(needle);
  const visibleCount = options.filter(matches).length;
  const chosenNames = options.filter((o) => chosen.has(o.id)).map((o) => o.name);
  const toggle = (optionId: number, on: boolean) => onChange(on ? [...selected, optionId] : selected.filter((s) => s !== optionId));
  let lastGroup: string | undefined;
  return (
    <div className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white" data-testid={`assortment-${name}`}>
      <div className="border-b border-slate-200 p-4">
        <div className="flex items-baseline justify-between gap-2">
          <h2 id={`${id}-title`} className="font-semibold">
            {title}
          </h2>
          <span className={chosen.size === 0 ? 'rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800' : 'text-xs text-slate-600'}>
            {chosen.size === 0 ? allLabel : `${chosen.size} of ${options.length} chosen`}
          </span>
        </div>
        <p className="mt-1 text-xs text-slate-600">
          None ticked: {allLabel.toLowerCase()} are shown.{hint ? ` ${hint}` : ''}
        </p>
        {chosen.size > 0 ? (
          // The ticked boxes may be far down a long list: name them here.
          <p className="mt-2 text-sm" data-testid="assortment-chosen">
            <span className="font-medium">Only:</span> {chosenNames.slice(0, 8).join(', ')}
            {chosenNames.length > 8 ? ` and ${chosenNames.length - 8} more` : ''}
          </p>
        ) : null}
        {searchable ? (
          <div className="mt-3">
            <label htmlFor={`${id}-search`} className="sr-only">
              Search {title.toLowerCase()}
            </label>
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={`Search ${title.toLowerCase()}`}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
            />
          </div>
        ) : null}
        {chosen.size > 0 ? (
          <button type="button" onClick={() => onChange([])} className="mt-2 text-sm font-medium underline">
            Clear: show {allLabel.toLowerCase()}
          </button>
        ) : null}
      </div>
      <fieldset aria-labelledby={`${id}-title`} className="max-h-80 overflow-y-auto p-2">
        {options.map((option) => {
          const heading = option.group && option.group !== lastGroup ? option.group : null;
          lastGroup = option.group;
          return (
            <div key={option.id} className={matches(option) ? undefined : 'hidden'}>
              {heading ? <p className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{heading}</p> : null}
              <label className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-2 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  name={name}
                  value={option.id}
                  checked={chosen.has(option.id)}
                  onChange={(e) => toggle(option.id, e.target.checked)}
                  className="size-4 accent-slate-900"
                />
                {option.name}
              </label>
            </div>
          );
        })}
        {visibleCount === 0 ? <p className="px-2 py-3 text-sm text-slate-600">Nothing matches “{search}”.</p> : null}
      </fieldset>
    </div>
  );
}
