'use client';

import { useActionState } from 'react';
import { saveShopTimeZoneAction } from '@/app/dashboard/[host]/(signed-in)/settings/actions';
import { FormMessage, SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

type Props = { current: string; options: { value: string; label: string }[]; example: string };

/** The shop's time zone: order times in the dashboard, the buyer's account pages and emails follow it. */
export function ShopTimeZoneForm({ current, options, example }: Props) {
  const [state, action] = useActionState(saveShopTimeZoneAction, idleFormState);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormMessage state={state} />
      <SelectField
        name="timeZone"
        label="Time zone"
        required
        defaultValue={state.values?.timeZone ?? current}
        error={state.fieldErrors?.timeZone}
        options={options}
      />
      <p className="text-sm text-slate-600">
        Order times, the sales per day and the dates in your emails follow it. Right now it is{' '}
        <span className="font-medium" data-testid="time-zone-example">
          {example}
        </span>
        .
      </p>
      <SubmitButton pendingLabel="Saving…" className="bg-brand text-brand-contrast rounded-md px-4 py-2.5 font-semibold disabled:opacity-60 max-sm:w-full">
        Save time zone
      </SubmitButton>
    </form>
  );
}
