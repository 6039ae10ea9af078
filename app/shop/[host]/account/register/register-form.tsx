'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { registerAction } from '@/app/shop/[host]/account/actions';
import { Field, FormMessage, SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState, secretFieldError } from '@/lib/forms/form-state';

export function RegisterForm(props: { vatRequired: boolean; countries: { value: string; label: string }[]; defaultCountry: string }) {
  const [state, action] = useActionState(registerAction, idleFormState);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field name="name" label="Full name" autoComplete="name" required defaultValue={v.name} error={e.name} />
      <Field name="email" label="Email address" type="email" autoComplete="email" required defaultValue={v.email} error={e.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        error={secretFieldError(state, 'password')}
        hint="At least 10 characters."
      />
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold">{props.vatRequired ? 'Your company' : 'Company (optional)'}</legend>
        <Field
          name="companyName"
          label="Company name"
          autoComplete="organization"
          required={props.vatRequired}
          defaultValue={v.companyName}
          error={e.companyName}
        />
        <Field
          name="vatNumber"
          label="VAT number"
          required={props.vatRequired}
          defaultValue={v.vatNumber}
          error={e.vatNumber}
          hint="With the country prefix, e.g. BE0417497106. Greek numbers start with EL."
          autoComplete="off"
        />
      </fieldset>
      <SelectField
        name="countryCode"
        label="Country"
        required
        options={props.countries}
        defaultValue={v.countryCode ?? props.defaultCountry}
        error={e.countryCode}
        autoComplete="country"
      />
      <Field name="phone" label="Phone (optional)" type="tel" autoComplete="tel" defaultValue={v.phone} error={e.phone} />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/account/sign-in" className="font-semibold underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
