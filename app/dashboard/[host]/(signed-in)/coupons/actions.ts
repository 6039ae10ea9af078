'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/current-staff';
import { createCoupon, retireCoupon } from '@/lib/dashboard/coupon-admin';
import { setLoyaltyRates } from '@/lib/dashboard/loyalty-settings';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { catalogDb } from '@/lib/storefront/current-shop';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';

// The shop comes from the request's host and the actor from the staff session; a coupon id in a form is
// only looked up inside that shop's plane, so another shop's coupon is NOT_FOUND.

export async function createCouponAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id);
    const coupon = await createCoupon(tenant, values, staff);
    revalidatePath('/dashboard/coupons');
    return { status: 'success', message: `Coupon ${coupon.code} is created.` };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function retireCouponAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id);
    const coupon = await retireCoupon(tenant, values.couponId ?? '', staff);
    revalidatePath('/dashboard/coupons');
    return { status: 'success', message: `Coupon ${coupon.code} is retired: checkout no longer accepts it.` };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function setLoyaltyRatesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const tenant = await requireRequestTenant();
    const staff = await requireStaff(tenant.id, 'owner');
    await setLoyaltyRates(await catalogDb(), tenant, staff, { pointsPerEuro: values.pointsPerEuro ?? '', pointValueCents: values.pointValueCents ?? '' });
    revalidatePath('/dashboard/coupons');
    return { status: 'success', message: 'The loyalty rates are saved.', values };
  } catch (error) {
    return errorFormState(error, values);
  }
}
