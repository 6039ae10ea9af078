'use client';

import { useActionState } from 'react';
import { createTenantAction } from '@/app/admin/(signed-in)/tenants/actions';
import { Field, FormMessage, SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminButton } from '@/components/admin/styles';

export function CreateTenantForm({ rootDomain }: { rootDomain: string }) {
  const [state, action] = useActionState(createTenantAction, idleFormState);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <Field name="name" label="Shop name" required defaultValue={v.name} error={e.name} maxLength={80} />
      <Field
        name="subdomain"
        label="Subdomain"
        required
        defaultValue={v.subdomain}
        error={e.subdomain}
        maxLength={63}
        hint={`The shop answers on <subdomain>.${rootDomain}. Lower-case letters, digits and hyphens.`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="salesMode"
          label="Sales mode"
          required
          defaultValue={v.salesMode ?? 'b2b'}
          error={e.salesMode}
          options={[
            { value: 'b2b', label: 'B2B: trade customers, prices excl. VAT' },
            { value: 'b2c', label: 'B2C: consumers, prices incl. VAT' },
          ]}
        />
        <Field name="countryCode" label="Country (ISO code)" required defaultValue={v.countryCode ?? 'BE'} error={e.countryCode} maxLength={2} />
        <SelectField name="currency" label="Currency" required defaultValue="EUR" error={e.currency} options={[{ value: 'EUR', label: 'Euro (EUR)' }]} />
        <Field name="vatRate" label="VAT rate (%)" required defaultValue={v.vatRate ?? '21'} error={e.vatRate} inputMode="decimal" maxLength={6} />
      </div>
      <Field
        name="ownerEmail"
        label="Owner’s email address"
        type="email"
        required
        defaultValue={v.ownerEmail}
        error={e.ownerEmail}
        hint="The owner gets an invitation to the shop’s dashboard."
      />
      <SubmitButton pendingLabel="Creating…" className={adminButton}>
        Create tenant
      </SubmitButton>
    </form>
  );
}
