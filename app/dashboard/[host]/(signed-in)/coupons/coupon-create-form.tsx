'use client';

import { useActionState, useState } from 'react';
import { createCouponAction } from '@/app/dashboard/[host]/(signed-in)/coupons/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { formKey, idleFormState } from '@/lib/forms/form-state';

/** Everything but the code and the discount may stay empty: no minimum, no end, no limits. */
export function CouponCreateForm() {
  const [state, action] = useActionState(createCouponAction, idleFormState);
  const [kind, setKind] = useState<'percent' | 'fixed'>(state.values?.kind === 'fixed' ? 'fixed' : 'percent');
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form key={formKey(state)} action={action} className="space-y-4" data-testid="coupon-create-form">
      <FormMessage state={state} />
      <Field
        name="code"
        label="Code"
        required
        maxLength={30}
        defaultValue={v.code}
        error={e.code}
        hint="3 to 30 letters, digits or hyphens; buyers may type it in any case."
      />
      <fieldset>
        <legend className="mb-1 block text-sm font-medium">Discount</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(['percent', 'fixed'] as const).map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} className="size-4 accent-slate-900" />
              {option === 'percent' ? 'A percentage' : 'A fixed amount'}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'percent' ? (
        <Field
          key="percent"
          name="percent"
          label="Percentage off"
          inputMode="decimal"
          required
          maxLength={8}
          defaultValue={v.percent}
          error={e.percent}
          hint="From 1 to 100, e.g. 10 or 12.5."
        />
      ) : (
        <Field
          key="amount"
          name="amount"
          label="Amount off in €"
          inputMode="decimal"
          required
          maxLength={12}
          defaultValue={v.amount}
          error={e.amount}
          hint="Off the net total in a B2B shop, off the total paid in a B2C shop."
        />
      )}
      <Field
        name="minOrder"
        label="Minimum order in € excl. VAT"
        inputMode="decimal"
        maxLength={12}
        defaultValue={v.minOrder}
        error={e.minOrder}
        hint="Leave empty for any order."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="validFrom" label="First day" type="date" defaultValue={v.validFrom} error={e.validFrom} hint="Empty: from now." />
        <Field name="validUntil" label="Last day" type="date" defaultValue={v.validUntil} error={e.validUntil} hint="Empty: no end. Valid all of that day." />
        <Field
          name="maxRedemptions"
          label="Uses in total"
          inputMode="numeric"
          maxLength={6}
          defaultValue={v.maxRedemptions}
          error={e.maxRedemptions}
          hint="Empty: unlimited."
        />
        <Field
          name="maxPerCustomer"
          label="Uses per customer"
          inputMode="numeric"
          maxLength={6}
          defaultValue={v.maxPerCustomer}
          error={e.maxPerCustomer}
          hint="Empty: unlimited."
        />
      </div>
      <SubmitButton pendingLabel="Creating…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
        Create coupon
      </SubmitButton>
    </form>
  );
}
