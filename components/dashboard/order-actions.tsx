'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

function Outcome({ state }: { state: FormState }) {
  if (state.status === 'idle' || !state.message) return null;
  return state.status === 'error' ? (
    <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      {state.message}
    </p>
  ) : (
    <p role="status" className="mt-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {state.message}
    </p>
  );
}

const summaryClass = 'inline-block cursor-pointer list-none rounded-md border px-4 py-2 text-sm font-semibold [&::-webkit-details-marker]:hidden';

/** Cancelling cannot be undone: the button opens a confirmation first. */
export function CancelOrderForm({ action, orderId, orderNumber }: { action: Action; orderId: string; orderNumber: number }) {
  const [state, formAction] = useActionState(action, idleFormState);
  return (
    <div>
      <details className="group">
        <summary className={`${summaryClass} border-red-300 bg-white text-red-800 hover:bg-red-50`}>Cancel order…</summary>
        <form action={formAction} className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <input type="hidden" name="orderId" value={orderId} />
          <p>
            Cancel order {orderNumber}? The customer is emailed, any coupon or points they used are given back, and a payment that still arrives is refunded.
          </p>
          <SubmitButton pendingLabel="Cancelling…" className="mt-3 rounded-md bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
            Yes, cancel order
          </SubmitButton>
        </form>
      </details>
      <Outcome state={state} />
    </div>
  );
}

export function MarkInvoicePaidForm({ action, orderId, amount }: { action: Action; orderId: string; amount: string }) {
  const [state, formAction] = useActionState(action, idleFormState);
  return (
    <div>
      <details>
        <summary className={`${summaryClass} border-slate-300 bg-white text-slate-900 hover:bg-slate-100`}>Mark invoice paid…</summary>
        <form action={formAction} className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <input type="hidden" name="orderId" value={orderId} />
          <p>Record that {amount} was received for this invoice? The customer gets a receipt and earns their loyalty points.</p>
          <SubmitButton pendingLabel="Saving…" className="mt-3 rounded-md bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
            Yes, mark paid
          </SubmitButton>
        </form>
      </details>
      <Outcome state={state} />
    </div>
  );
}

export function RefundOrderForm({ action, orderId, amount }: { action: Action; orderId: string; amount: string }) {
  const [state, formAction] = useActionState(action, idleFormState);
  const error = state.fieldErrors?.reason;
  return (
    <div>
      <details open={Boolean(error)}>
        <summary className={`${summaryClass} border-red-300 bg-white text-red-800 hover:bg-red-50`}>Refund…</summary>
        <form action={formAction} className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <input type="hidden" name="orderId" value={orderId} />
          <p>Refund {amount} in full to the customer’s card? This cannot be undone.</p>
          <label htmlFor="refund-reason" className="mt-3 mb-1 block font-medium">
            Reason (shown to the customer)
          </label>
          <textarea
            id="refund-reason"
            name="reason"
            required
            maxLength={200}
            rows={2}
            defaultValue={state.values?.reason ?? ''}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'refund-reason-error' : undefined}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
          />
          {error ? (
            <p id="refund-reason-error" className="mt-1 text-red-700">
              {error}
            </p>
          ) : null}
          <SubmitButton pendingLabel="Requesting…" className="mt-3 rounded-md bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
            Yes, refund
          </SubmitButton>
        </form>
      </details>
      <Outcome state={state} />
    </div>
  );
}
