'use server';

import { createCoupon, retireCoupon } from '@/lib/coupons/manage-coupons';
import { setLoyaltyRates } from '@/lib/loyalty/set-loyalty-rates';
import { staffAction } from '@/lib/forms/form-action';
import { platformDb } from '@/db/connection-registry';

// The shop comes from the request's host and the actor from the staff session; a coupon id in a form is
// only looked up inside that shop's plane, so another shop's coupon is NOT_FOUND.

export const createCouponAction = staffAction({ role: 'manager', revalidate: ['/dashboard/coupons'] }, async ({ tenant, staff, values }) => {
  const coupon = await createCoupon(tenant, values, staff);
  return { status: 'success', message: `Coupon ${coupon.code} is created.` };
});

export const retireCouponAction = staffAction({ role: 'manager', revalidate: ['/dashboard/coupons'] }, async ({ tenant, staff, values }) => {
  const coupon = await retireCoupon(tenant, values.couponId ?? '', staff);
  return { status: 'success', message: `Coupon ${coupon.code} is retired: checkout no longer accepts it.` };
});

export const setLoyaltyRatesAction = staffAction({ role: 'owner', revalidate: ['/dashboard/coupons'] }, async ({ tenant, staff, values }) => {
  await setLoyaltyRates(await platformDb(), tenant, staff, { pointsPerEuro: values.pointsPerEuro ?? '', pointValueCents: values.pointValueCents ?? '' });
  return { status: 'success', message: 'The loyalty rates are saved.', values };
});
