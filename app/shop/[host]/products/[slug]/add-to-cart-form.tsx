'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { addToCartAction } from '@/app/shop/[host]/cart/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';

export function AddToCartForm({ articleId, slug, stock }: { articleId: number; slug: string; stock: number }) {
  const [state, action] = useActionState(addToCartAction, idleFormState);
  if (stock <= 0) return <p className="text-sm text-slate-600">Out of stock: this product cannot be ordered right now.</p>;
  return (
    <form action={action} className="space-y-3 border-t border-slate-200 pt-3" data-testid="add-to-cart">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="flex items-end gap-2">
        <div>
          <label htmlFor="quantity" className="mb-1 block text-sm font-medium">
            Quantity
          </label>
          <input
            id="quantity"
            name="quantity"
            type="number"
            min={1}
            max={Math.min(stock, 999)}
            defaultValue={state.values?.quantity ?? (stock >= 4 ? 4 : 1)}
            className="w-20 rounded-md border border-slate-300 bg-white px-2 py-2 text-base"
          />
        </div>
        <SubmitButton className="bg-brand text-brand-contrast flex-1 rounded-md px-4 py-2.5 font-semibold disabled:opacity-60" pendingLabel="Adding…">
          Add to cart
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      {state.status === 'success' ? (
        <Link href="/cart" className="block text-sm font-semibold underline">
          View your cart
        </Link>
      ) : null}
    </form>
  );
}
