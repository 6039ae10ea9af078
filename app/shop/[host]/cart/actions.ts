'use server';

import { addToCart, removeFromCart, setCartQuantity } from '@/lib/cart/cart-service';
import { customerAction, customerVoidAction } from '@/lib/forms/form-action';

// Tenant from the host, customer from the session: a forged form field reaches no other cart. The
// header's cart count lives in the layout, hence the whole layout.

const signInFor = (returnTo: string) => `/account/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`;

const quantityOf = (formData: FormData) => Number(formData.get('quantity'));

export const addToCartAction = customerAction(
  {
    signIn: (formData) => signInFor(`/products/${String(formData.get('slug') ?? '')}`),
    values: (formData) => ({ quantity: String(formData.get('quantity') ?? '1') }),
    revalidate: [{ layout: '/' }],
  },
  async ({ tenant, customer, formData }) => {
    await addToCart(tenant, customer, Number(formData.get('articleId')), quantityOf(formData));
    return { status: 'success', message: 'Added to your cart.' };
  },
);

export const updateCartLineAction = customerVoidAction(
  { signIn: signInFor('/cart'), revalidate: [{ layout: '/' }] },
  async ({ tenant, customer, formData }) => {
    const itemId = String(formData.get('itemId') ?? '');
    if (formData.get('remove')) await removeFromCart(tenant, customer, itemId);
    else await setCartQuantity(tenant, customer, itemId, quantityOf(formData)).catch(() => undefined);
  },
);
