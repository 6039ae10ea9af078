'use client';

import { useActionState } from 'react';
import { setLoyaltyRatesAction } from '@/app/dashboard/[host]/(signed-in)/coupons/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

type Props = { pointsPerEuro: number; pointValueCents: number; currency: string; canEdit: boolean };

function summary(pointsPerEuro: number, pointValueCents: number): string {
  if (pointsPerEuro === 0 && pointValueCents === 0) return 'Loyalty points are off: buyers see nothing of them.';
  const earn = pointsPerEuro === 0 ? 'Buyers earn no new points' : `Buyers earn ${pointsPerEuro} ${pointsPerEuro === 1 ? 'point' : 'points'} per euro`;
  const spend = pointValueCents === 0 ? 'cannot spend points' : `each point takes ${pointValueCents} ${pointValueCents === 1 ? 'cent' : 'cents'} off`;
  return `${earn}; ${spend}.`;
}

/** The shop's two rates, whole numbers 0–100; only the owner may change them. */
export function CouponLoyaltyForm({ pointsPerEuro, pointValueCents, canEdit }: Props) {
  const [state, action] = useActionState(setLoyaltyRatesAction, idleFormState);
  return (
    <form action={action} className="space-y-4" data-testid="loyalty-form">
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="loyalty-summary">
        {summary(pointsPerEuro, pointValueCents)}
      </p>
      <FormMessage state={state} />
      <fieldset disabled={!canEdit} className="space-y-4">
        <Field
          name="pointsPerEuro"
          label="Points per euro paid"
          inputMode="numeric"
          required
          maxLength={3}
          defaultValue={state.values?.pointsPerEuro ?? String(pointsPerEuro)}
          error={state.fieldErrors?.pointsPerEuro}
          hint="Per whole euro of the net amount, when the order is paid. 0 to 100; 0 stops earning."
        />
        <Field
          name="pointValueCents"
          label="Value of a point in cents"
          inputMode="numeric"
          required
          maxLength={3}
          defaultValue={state.values?.pointValueCents ?? String(pointValueCents)}
          error={state.fieldErrors?.pointValueCents}
          hint="What one point takes off at checkout. 0 to 100; 0 stops redeeming."
        />
      </fieldset>
      {canEdit ? (
        <SubmitButton pendingLabel="Saving…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
          Save rates
        </SubmitButton>
      ) : (
        <p className="text-sm text-slate-600">Only the shop owner can change the rates.</p>
      )}
    </form>
  );
}
