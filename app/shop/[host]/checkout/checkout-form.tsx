'use client';

import { useActionState } from 'react';
import { placeOrderAction } from '@/app/shop/[host]/checkout/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { checkedAfter, idleFormState, valueAfter } from '@/lib/forms/form-state';

type Address = {
  id: string;
  label: string | null;
  recipient: string;
  line1: string;
  postalCode: string;
  city: string;
  countryCode: string;
  isDefault: boolean;
};

const FORM_ID = 'checkout-form';
const smallButton = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium';

/**
 * The whole checkout is one form: the coupon box and the points button in the summary belong to it
 * (`form=`), so applying a coupon sends the chosen address, payment method and reference along and
 * they come back as chosen. The idempotency key is made once per checkout page: resubmitting (double
 * click, retry) finds the same order.
 */
export function CheckoutForm(props: {
  addresses: Address[];
  methods: Array<'invoice' | 'card'>;
  idempotencyKey: string;
  totalLabel: string;
  blocker: React.ReactNode;
  asksForReference: boolean;
  coupon: { stored: string | null; applied: string | null; error: string | null };
  points: { using: boolean; used: number; offer: string } | null;
  lines: React.ReactNode;
  totals: React.ReactNode;
  note: string;
}) {
  const [state, action] = useActionState(placeOrderAction, idleFormState);
  const e = state.fieldErrors ?? {};
  const defaultAddress = props.addresses.find((a) => a.isDefault)?.id;
  const couponError = e.couponCode ?? props.coupon.error;
  return (
    <div className="mx-auto grid max-w-5xl gap-8 lg:grid-cols-[1fr_20rem]">
      <section>
        <h1 className="text-2xl font-bold">Checkout</h1>
        <form id={FORM_ID} action={action} className="mt-6 space-y-6">
          {state.status === 'error' && !e.couponCode ? <FormMessage state={state} /> : null}
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          {props.blocker ?? (
            <>
              <fieldset aria-describedby={e.addressId ? 'address-error' : undefined}>
                <legend className="text-lg font-semibold">Delivery address</legend>
                <div className="mt-3 grid gap-3 sm:grid-cols-2">
                  {props.addresses.map((a) => (
                    <label key={a.id} className="has-checked:border-brand flex cursor-pointer gap-3 rounded-md border border-slate-300 bg-white p-3 text-sm">
                      <input
                        type="radio"
                        name="addressId"
                        value={a.id}
                        defaultChecked={checkedAfter(state, 'addressId', a.id, a.id === defaultAddress)}
                        className="mt-1"
                        required
                      />
                      <span>
                        <span className="block font-semibold">{a.label ?? a.recipient}</span>
                        {a.recipient}, {a.line1}, {a.postalCode} {a.city}, {a.countryCode}
                      </span>
                    </label>
                  ))}
                </div>
                {e.addressId ? (
                  <p id="address-error" className="mt-1 text-sm text-red-700">
                    {e.addressId}
                  </p>
                ) : null}
              </fieldset>
              <fieldset>
                <legend className="text-lg font-semibold">Payment</legend>
                <div className="mt-3 space-y-2">
                  {props.methods.map((m, i) => (
                    <label key={m} className="flex items-center gap-2 text-sm">
                      <input type="radio" name="paymentMethod" value={m} defaultChecked={checkedAfter(state, 'paymentMethod', m, i === 0)} required />
                      {m === 'invoice' ? 'On invoice (pay within 30 days)' : 'Card (secure payment page)'}
                    </label>
                  ))}
                </div>
                {e.paymentMethod ? <p className="mt-1 text-sm text-red-700">{e.paymentMethod}</p> : null}
              </fieldset>
              {props.asksForReference ? (
                <div>
                  <label htmlFor="customerReference" className="mb-1 block text-sm font-medium">
                    Your reference (optional)
                  </label>
                  <input
                    id="customerReference"
                    name="customerReference"
                    maxLength={60}
                    defaultValue={valueAfter(state, 'customerReference')}
                    className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 sm:w-80"
                  />
                </div>
              ) : null}
              <SubmitButton pendingLabel="Placing your order…">Place order · {props.totalLabel}</SubmitButton>
            </>
          )}
        </form>
      </section>
      <aside className="h-fit rounded-lg border border-slate-200 bg-white p-5" aria-label="Order summary">
        <h2 className="font-semibold">Order summary</h2>
        {props.lines}
        <div className="mt-4 border-t border-slate-200 pt-3">
          <div className="flex gap-2">
            <label htmlFor="coupon" className="sr-only">
              Coupon code
            </label>
            <input
              id="coupon"
              form={FORM_ID}
              name="couponCode"
              maxLength={40}
              defaultValue={valueAfter(state, 'couponCode', props.coupon.stored ?? '')}
              placeholder="Coupon code"
              autoComplete="off"
              aria-invalid={couponError ? true : undefined}
              aria-describedby={couponError ? 'coupon-error' : undefined}
              className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm uppercase"
            />
            <button type="submit" form={FORM_ID} name="intent" value="apply-coupon" formNoValidate className={smallButton}>
              Apply
            </button>
          </div>
          {couponError ? (
            <p id="coupon-error" role="alert" className="mt-1 text-sm text-red-700">
              {couponError}
            </p>
          ) : null}
          {state.status === 'success' ? (
            <p role="status" className="mt-1 text-sm text-emerald-800">
              {state.message}
            </p>
          ) : null}
          {props.coupon.stored ? (
            <button type="submit" form={FORM_ID} name="intent" value="remove-coupon" formNoValidate className="mt-1 text-sm underline">
              Remove coupon {props.coupon.stored}
            </button>
          ) : null}
        </div>
        {props.points ? (
          <div className="mt-2 text-sm">
            <button
              type="submit"
              form={FORM_ID}
              name="intent"
              value={props.points.using ? 'keep-points' : 'use-points'}
              formNoValidate
              className="underline"
              data-testid="toggle-points"
            >
              {props.points.using ? 'Don’t use my points' : props.points.offer}
            </button>
            {props.points.using ? (
              <p className="mt-1 text-emerald-800" data-testid="points-discount">
                {props.points.used} loyalty points applied
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="mt-3 border-t border-slate-200 pt-3">{props.totals}</div>
        <p className="mt-2 text-xs text-slate-600">{props.note}</p>
      </aside>
    </div>
  );
}
