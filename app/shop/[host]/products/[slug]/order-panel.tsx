import Link from 'next/link';
import { AddToCartForm } from '@/app/shop/[host]/products/[slug]/add-to-cart-form';
import type { Customer } from '@/db/schema';
import { customerStatusMessage, effectiveCustomerStatus } from '@/lib/registration/decide-registration';

/**
 * Who may order, said where the buyer looks: the add-to-cart form for active accounts, an explanation
 * for everyone else. The form is a convenience; the server refuses any account that may not order.
 */
export function OrderPanel(props: { customer: Customer | null; tenantName: string; slug: string; articleId: number; stock: number }) {
  const { customer, tenantName, slug } = props;
  if (!customer) {
    return (
      <p className="border-t border-slate-200 pt-3 text-sm text-slate-700">
        <Link href={`/account/sign-in?callbackUrl=/products/${slug}`} className="font-semibold underline">
          Sign in
        </Link>{' '}
        or{' '}
        <Link href="/account/register" className="font-semibold underline">
          create an account
        </Link>{' '}
        to order.
      </p>
    );
  }
  const status = effectiveCustomerStatus(customer, new Date());
  if (status === 'active') return <AddToCartForm articleId={props.articleId} slug={slug} stock={props.stock} />;
  const message = customerStatusMessage(status, tenantName);
  return (
    <div role="status" data-testid="order-blocked" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-semibold">{message.title}</p>
      <p className="mt-1">{message.body}</p>
    </div>
  );
}
