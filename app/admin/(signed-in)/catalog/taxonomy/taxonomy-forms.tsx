'use client';

import { useActionState } from 'react';
import { createTaxonomyAction, deleteTaxonomyAction, renameTaxonomyAction } from '@/app/admin/(signed-in)/catalog/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { TaxonomyAxis } from '@/lib/catalog/catalog-articles';
import { idleFormState } from '@/lib/forms/form-state';
import { adminButton } from '@/components/admin/styles';

const input = (error?: string) =>
  `w-full rounded-md border bg-white px-3 py-2 text-base sm:text-sm ${error ? 'border-red-600 ring-1 ring-red-600' : 'border-slate-300'}`;
const small = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60';

export function AddTaxonomyForm({ axis, label }: { axis: TaxonomyAxis; label: string }) {
  const [state, action] = useActionState(createTaxonomyAction, idleFormState);
  const e = state.fieldErrors ?? {};
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const id = `add-${axis}`;
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="axis" value={axis} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium">
            New {label}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            required
            maxLength={60}
            defaultValue={values.name ?? ''}
            aria-invalid={e.name ? true : undefined}
            aria-describedby={e.name ? `${id}-name-error` : undefined}
            className={input(e.name)}
          />
        </div>
        {axis === 'categories' ? (
          <>
            <div>
              <label htmlFor={`${id}-kind`} className="mb-1 block text-sm font-medium">
                For
              </label>
              <select key={values.kind ?? 'tyre'} id={`${id}-kind`} name="kind" defaultValue={values.kind ?? 'tyre'} className={input(e.kind)}>
                <option value="tyre">Tyres</option>
                <option value="wheel">Wheels</option>
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-season`} className="mb-1 block text-sm font-medium">
                Season (tyres)
              </label>
              <select
                key={values.season ?? ''}
                id={`${id}-season`}
                name="season"
                defaultValue={values.season ?? ''}
                aria-invalid={e.season ? true : undefined}
                className={input(e.season)}
              >
                <option value="">—</option>
                <option value="summer">Summer</option>
                <option value="winter">Winter</option>
                <option value="all_season">All season</option>
              </select>
            </div>
          </>
        ) : null}
        <SubmitButton pendingLabel="Adding…" className={adminButton}>
          Add
        </SubmitButton>
      </div>
      {e.name ? (
        <p id={`${id}-name-error`} className="text-sm text-red-700">
          {e.name}
        </p>
      ) : null}
      {e.season ? <p className="text-sm text-red-700">{e.season}</p> : null}
    </form>
  );
}

export function TaxonomyRow({ axis, entry }: { axis: TaxonomyAxis; entry: { id: number; slug: string; name: string; articles: number } }) {
  const [renameState, rename] = useActionState(renameTaxonomyAction, idleFormState);
  const [deleteState, remove] = useActionState(deleteTaxonomyAction, idleFormState);
  const id = `${axis}-${entry.id}`;
  const name = renameState.status === 'error' ? (renameState.values?.name ?? entry.name) : entry.name;
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-center gap-3">
        <form action={rename} className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <input type="hidden" name="axis" value={axis} />
          <input type="hidden" name="id" value={entry.id} />
          <label htmlFor={`${id}-name`} className="sr-only">
            Name of {entry.name}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            defaultValue={name}
            key={name}
            required
            maxLength={60}
            className={`${input(renameState.fieldErrors?.name)} max-w-xs`}
          />
          <SubmitButton pendingLabel="Saving…" className={small}>
            Rename
          </SubmitButton>
        </form>
        <span className="font-mono text-xs text-slate-500">{entry.slug}</span>
        <span className="text-sm text-slate-600 tabular-nums">
          {entry.articles.toLocaleString('en-GB')} article{entry.articles === 1 ? '' : 's'}
        </span>
        {axis === 'vehicleBrands' || entry.articles === 0 ? (
          <form action={remove}>
            <input type="hidden" name="axis" value={axis} />
            <input type="hidden" name="id" value={entry.id} />
            <SubmitButton pendingLabel="Removing…" className={`${small} text-red-700`}>
              Remove
            </SubmitButton>
          </form>
        ) : null}
      </div>
      <FormMessage state={renameState} />
      <FormMessage state={deleteState} />
    </li>
  );
}
