'use client';

import { useActionState, useState } from 'react';
import { saveAssortmentAction } from '@/app/dashboard/[host]/(signed-in)/assortment/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { VisibilityRules } from '@/lib/catalog/visibility';
import type { AssortmentScope } from '@/lib/catalog/assortment-scope';
import { formKey, idleFormState } from '@/lib/forms/form-state';
import { AssortmentCount } from '@/components/dashboard/assortment-count';
import { AssortmentGroup } from '@/components/dashboard/assortment-group';

type Props = { scope: AssortmentScope; rules: VisibilityRules; shownCount: number; catalogCount: number; canEdit: boolean };

/** Three groups of boxes and a live count; the ticked boxes are the form's only data. */
export function AssortmentForm({ scope, rules, shownCount, catalogCount, canEdit }: Props) {
  const [state, action] = useActionState(saveAssortmentAction, idleFormState);
  const [draft, setDraft] = useState<VisibilityRules>(rules);
  const set = (axis: keyof VisibilityRules) => (ids: number[]) => setDraft((d) => ({ ...d, [axis]: ids }));
  const kindLabel = { tyre: 'Tyres', wheel: 'Wheels' } as const;
  return (
    <form key={formKey(state)} action={action} className="space-y-5">
      <AssortmentCount draft={draft} saved={rules} shownCount={shownCount} catalogCount={catalogCount} />
      {canEdit ? null : (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">Only the shop owner can change the assortment.</p>
      )}
      <FormMessage state={state} />
      <fieldset disabled={!canEdit} className="grid gap-5 lg:grid-cols-3">
        <AssortmentGroup
          name="brandIds"
          title="Brands"
          allLabel="All brands"
          options={scope.brands}
          selected={draft.brandIds}
          onChange={set('brandIds')}
          searchable
        />
        <AssortmentGroup
          name="categoryIds"
          title="Categories"
          allLabel="All categories"
          options={scope.categories.map((c) => ({ ...c, group: kindLabel[c.kind] }))}
          selected={draft.categoryIds}
          onChange={set('categoryIds')}
        />
        <AssortmentGroup
          name="vehicleBrandIds"
          title="Vehicle makes"
          allLabel="All vehicle makes"
          hint="When you tick makes, only articles that fit at least one of them are shown; articles without fitment data are then hidden."
          options={scope.vehicleBrands}
          selected={draft.vehicleBrandIds}
          onChange={set('vehicleBrandIds')}
          searchable
        />
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pendingLabel="Saving…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
            Save assortment
          </SubmitButton>
          <button type="button" onClick={() => setDraft(rules)} className="text-sm font-medium underline">
            Undo changes
          </button>
        </div>
      ) : null}
    </form>
  );
}
