import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { findSandboxPayment } from '@/lib/payments/submit-sandbox-payment';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { getShop } from '@/lib/tenancy/current-shop';
import { sandboxPaymentAction } from './actions';

export const metadata: Metadata = { title: 'Payment', robots: { index: false } };

type Props = { params: Promise<{ host: string; paymentId: string }> };

const closedMessage: Partial<Record<string, string>> = {
  captured: 'This payment is already paid.',
  refunded: 'This payment was paid and has been refunded.',
  failed: 'This payment was declined.',
  voided: 'This payment can no longer be made: a newer payment replaced it, or the order no longer needs it. Nothing was charged.',
};

/** The sandbox provider's hosted payment page: pay or decline, no card details involved. */
export default async function SandboxPaymentPage({ params }: Props) {
  const { host, paymentId } = await params;
  const { tenant } = await getShop(host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect(`/account/sign-in?callbackUrl=/pay/sandbox/${encodeURIComponent(paymentId)}`);
  const found = await findSandboxPayment(tenant.id, customer.id, paymentId);
  if (!found) notFound();
  const { payment, orderNumber } = found;
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-300 bg-white p-8 shadow-sm">
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Sandbox payment provider · test mode</p>
      <h1 className="mt-2 text-2xl font-bold">Pay {tenant.name}</h1>
      <p className="mt-1 text-slate-600">Order {orderNumber}</p>
      <p className="mt-6 text-4xl font-bold" data-testid="payment-amount">
        {formatMoney(payment.amountCents, payment.currency)}
      </p>
      {payment.status === 'pending' ? (
        <form action={sandboxPaymentAction} className="mt-8 grid gap-3">
          <input type="hidden" name="paymentId" value={payment.id} />
          <button type="submit" name="outcome" value="succeeded" className="rounded-md bg-emerald-700 px-4 py-3 font-semibold text-white">
            Pay {formatMoney(payment.amountCents, payment.currency)}
          </button>
          <button type="submit" name="outcome" value="failed" className="rounded-md border border-slate-300 px-4 py-3 font-semibold">
            Decline payment
          </button>
        </form>
      ) : (
        <p role="status" data-testid="payment-closed" className="mt-8 rounded-md bg-slate-100 p-3 text-sm">
          {closedMessage[payment.status] ?? `This payment is ${payment.status}.`}{' '}
          <Link href={`/account/orders/${orderNumber}`} className="font-semibold underline">
            Back to order {orderNumber}
          </Link>
        </p>
      )}
      <p className="mt-6 text-xs text-slate-500">No money moves in the sandbox. The choice is sent to the shop as a signed webhook.</p>
    </div>
  );
}
