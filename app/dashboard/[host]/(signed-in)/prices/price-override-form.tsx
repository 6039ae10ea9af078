'use client';

import { useActionState } from 'react';
import { addPriceOverrideAction } from '@/app/dashboard/[host]/(signed-in)/prices/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

/** A new override: a net price in euros (comma or dot) and a window of whole days in the shop's time zone. */
export function PriceOverrideForm({ articleId, today }: { articleId: number; today: string }) {
  const [state, action] = useActionState(addPriceOverrideAction, idleFormState);
  const value = (name: string, fallback = '') => (state.status === 'error' ? (state.values?.[name] ?? fallback) : fallback);
  return (
    <form action={action} className="space-y-3" aria-label="Add a price">
      <FormMessage state={state} />
      <input type="hidden" name="articleId" value={articleId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          name="price"
          label="Net price in €"
          inputMode="decimal"
          maxLength={16}
          required
          defaultValue={value('price')}
          error={state.fieldErrors?.price}
          hint="Excl. VAT, e.g. 89.50 or 89,50."
        />
        <Field
          name="validFrom"
          label="Valid from"
          type="date"
          required
          defaultValue={value('validFrom', today)}
          error={state.fieldErrors?.validFrom === state.message ? undefined : state.fieldErrors?.validFrom}
          hint="From 00:00 on this day."
        />
        <Field
          name="validUntil"
          label="Valid until"
          type="date"
          defaultValue={value('validUntil')}
          error={state.fieldErrors?.validUntil}
          hint="Optional. Ends at 00:00 on this day; empty: until further notice."
        />
      </div>
      <SubmitButton pendingLabel="Saving…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
        Add price
      </SubmitButton>
    </form>
  );
}
