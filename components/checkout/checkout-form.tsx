'use client';

import { useActionState } from 'react';
import { placeOrderAction } from '@/app/shop/[host]/checkout/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

type Address = { id: string; label: string | null; recipient: string; line1: string; postalCode: string; city: string; countryCode: string; isDefault: boolean };

/** The idempotency key is made once per checkout page: resubmitting (double click, retry) finds the same order. */
export function CheckoutForm(props: { addresses: Address[]; methods: Array<'invoice' | 'card'>; idempotencyKey: string; totalLabel: string; couponCode: string | null; usePoints: boolean }) {
  const [state, action] = useActionState(placeOrderAction, idleFormState);
  const e = state.fieldErrors ?? {};
  const chosen = state.values?.addressId ?? props.addresses.find((a) => a.isDefault)?.id;
  return (
    <form action={action} className="space-y-6">
      <FormMessage state={state} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {props.couponCode ? <input type="hidden" name="couponCode" value={props.couponCode} /> : null}
      {props.usePoints ? <input type="hidden" name="usePoints" value="on" /> : null}
      {state.fieldErrors?.couponCode ? <p role="alert" className="text-sm text-red-700">{state.fieldErrors.couponCode}</p> : null}
      <fieldset aria-describedby={e.addressId ? 'address-error' : undefined}>
        <legend className="text-lg font-semibold">Delivery address</legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {props.addresses.map((a) => (
            <label key={a.id} className="has-checked:border-brand flex cursor-pointer gap-3 rounded-md border border-slate-300 bg-white p-3 text-sm">
              <input type="radio" name="addressId" value={a.id} defaultChecked={a.id === chosen} className="mt-1" required />
              <span>
                <span className="block font-semibold">{a.label ?? a.recipient}</span>
                {a.recipient}, {a.line1}, {a.postalCode} {a.city}, {a.countryCode}
              </span>
            </label>
          ))}
        </div>
        {e.addressId ? <p id="address-error" className="mt-1 text-sm text-red-700">{e.addressId}</p> : null}
      </fieldset>
      <fieldset>
        <legend className="text-lg font-semibold">Payment</legend>
        <div className="mt-3 space-y-2">
          {props.methods.map((m, i) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="radio" name="paymentMethod" value={m} defaultChecked={i === 0} required />
              {m === 'invoice' ? 'On invoice (pay within 30 days)' : 'Card (secure payment page)'}
            </label>
          ))}
        </div>
        {e.paymentMethod ? <p className="mt-1 text-sm text-red-700">{e.paymentMethod}</p> : null}
      </fieldset>
      <div>
        <label htmlFor="customerReference" className="mb-1 block text-sm font-medium">Your reference (optional)</label>
        <input id="customerReference" name="customerReference" maxLength={60} defaultValue={state.values?.customerReference} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 sm:w-80" />
      </div>
      <SubmitButton pendingLabel="Placing your order…">Place order · {props.totalLabel}</SubmitButton>
    </form>
  );
}
