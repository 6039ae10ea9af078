'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { addToCart, removeFromCart, setCartQuantity } from '@/lib/cart/cart-service';
import { errorFormState } from '@/lib/forms/form-error-state';
import { type FormState } from '@/lib/forms/form-state';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

// Tenant from the host, customer from the session: a forged form field reaches no other cart.
async function requireCustomer(returnTo: string) {
  const tenant = await requireRequestTenant();
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect(`/account/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { tenant, customer };
}

const quantityOf = (formData: FormData) => Number(formData.get('quantity'));

export async function addToCartAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get('slug') ?? '');
  const { tenant, customer } = await requireCustomer(`/products/${slug}`);
  try {
    await addToCart(tenant, customer, Number(formData.get('articleId')), quantityOf(formData));
  } catch (error) {
    return errorFormState(error, { quantity: String(formData.get('quantity') ?? '1') });
  }
  revalidatePath('/', 'layout');
  return { status: 'success', message: 'Added to your cart.' };
}

export async function updateCartLineAction(formData: FormData): Promise<void> {
  const { tenant, customer } = await requireCustomer('/cart');
  const itemId = String(formData.get('itemId') ?? '');
  if (formData.get('remove')) await removeFromCart(tenant, customer, itemId);
  else await setCartQuantity(tenant, customer, itemId, quantityOf(formData)).catch(() => undefined);
  revalidatePath('/', 'layout');
}
