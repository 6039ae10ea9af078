'use client';

import { useActionState } from 'react';
import { inviteStaffAction, removeStaffAction } from '@/app/dashboard/[host]/(signed-in)/staff/actions';
import { Field, FormMessage, SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

const buttonClass = 'rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60';

export function InviteStaffForm() {
  const [state, action] = useActionState(inviteStaffAction, idleFormState);
  const failed = state.status === 'error';
  return (
    <form action={action} className="space-y-3" key={state.status === 'success' ? state.message : 'form'}>
      <FormMessage state={state} />
      <Field
        name="email"
        label="Email address"
        type="email"
        autoComplete="off"
        required
        defaultValue={failed ? state.values?.email : undefined}
        error={state.fieldErrors?.email}
      />
      <SelectField
        name="role"
        label="Role"
        defaultValue={failed ? state.values?.role : 'manager'}
        error={state.fieldErrors?.role}
        options={[
          { value: 'manager', label: 'Staff: orders and customers' },
          { value: 'owner', label: 'Owner: also settings, prices and team' },
        ]}
      />
      <SubmitButton pendingLabel="Sending…" className={buttonClass}>
        Send invitation
      </SubmitButton>
    </form>
  );
}

export function RemoveStaffForm({ staffUserId, name }: { staffUserId: string; name: string }) {
  const [state, action] = useActionState(removeStaffAction, idleFormState);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="staffUserId" value={staffUserId} />
      <SubmitButton pendingLabel="Removing…" className="rounded-md border border-red-300 px-3 py-1 text-sm font-semibold text-red-800 disabled:opacity-60">
        <span>
          Remove<span className="sr-only"> {name}</span>
        </span>
      </SubmitButton>
      {state.status === 'error' ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
