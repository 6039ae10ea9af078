'use client';

import { useActionState } from 'react';
import { addAddressAction, updateProfileAction } from '@/app/shop/[host]/account/actions';
import { Field, FormMessage, SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { checkedAfter, idleFormState } from '@/lib/forms/form-state';

const smallButton = 'bg-brand text-brand-contrast rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60';

export function ProfileForm({ name, phone }: { name: string; phone: string | null }) {
  const [state, action] = useActionState(updateProfileAction, idleFormState);
  const v = state.values;
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <Field name="name" label="Full name" autoComplete="name" required defaultValue={v?.name ?? name} error={state.fieldErrors?.name} />
      <Field name="phone" label="Phone" type="tel" autoComplete="tel" defaultValue={v?.phone ?? phone ?? ''} error={state.fieldErrors?.phone} />
      <SubmitButton className={smallButton} pendingLabel="Saving…">
        Save details
      </SubmitButton>
    </form>
  );
}

export function AddAddressForm({ countries, defaultCountry }: { countries: { value: string; label: string }[]; defaultCountry: string }) {
  const [state, action] = useActionState(addAddressAction, idleFormState);
  const v = state.status === 'error' ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} key={state.status === 'success' ? state.message : 'form'} className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormMessage state={state} />
      </div>
      <Field name="label" label="Label (optional)" defaultValue={v.label} error={e.label} hint="e.g. Workshop, Warehouse" />
      <Field name="recipient" label="Recipient" autoComplete="name" required defaultValue={v.recipient} error={e.recipient} />
      <div className="sm:col-span-2">
        <Field name="line1" label="Street and number" autoComplete="address-line1" required defaultValue={v.line1} error={e.line1} />
      </div>
      <div className="sm:col-span-2">
        <Field name="line2" label="Address line 2 (optional)" autoComplete="address-line2" defaultValue={v.line2} error={e.line2} />
      </div>
      <Field name="postalCode" label="Postal code" autoComplete="postal-code" required defaultValue={v.postalCode} error={e.postalCode} />
      <Field name="city" label="City" autoComplete="address-level2" required defaultValue={v.city} error={e.city} />
      <SelectField
        name="countryCode"
        label="Country"
        required
        options={countries}
        defaultValue={v.countryCode ?? defaultCountry}
        error={e.countryCode}
        autoComplete="country"
      />
      <label className="flex items-center gap-2 self-end pb-2 text-sm">
        <input
          type="checkbox"
          name="isDefault"
          className="size-4"
          defaultChecked={checkedAfter(state.status === 'error' ? state : idleFormState, 'isDefault', 'on', false)}
        />{' '}
        Use as default delivery address
      </label>
      <div className="sm:col-span-2">
        <SubmitButton className={smallButton} pendingLabel="Adding…">
          Add address
        </SubmitButton>
      </div>
    </form>
  );
}
