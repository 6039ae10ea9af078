import { roundHalfUp } from './round';

/**
 * A customer's own margin (positive) or discount (negative) in basis points on top of the tenant price.
 * Integer cents, rounded half up; never below one cent.
 */
export function applyCustomerMargin(netCents: number, marginBp: number): number {
  if (marginBp === 0) return netCents;
  return Math.max(1, roundHalfUp(netCents * (10_000 + marginBp), 10_000));
}
