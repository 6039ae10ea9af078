'use client';

import { useActionState } from 'react';
import { retireCouponAction } from '@/app/dashboard/[host]/(signed-in)/coupons/actions';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

/** Retiring is final for buyers (checkout refuses the code), so the button asks once. */
export function CouponRetireForm({ couponId, code }: { couponId: string; code: string }) {
  const [state, action] = useActionState(retireCouponAction, idleFormState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Retire coupon ${code}? Checkout will no longer accept it.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="couponId" value={couponId} />
      <SubmitButton
        pendingLabel="Retiring…"
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        Retire<span className="sr-only"> {code}</span>
      </SubmitButton>
      {state.status === 'error' ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
