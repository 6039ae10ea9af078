/**
 * numerator ÷ denominator rounded half up, for the non-negative integer cents and basis points that
 * every price, VAT and discount calculation here works in. No floating-point division is involved.
 */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((numerator * 2 + denominator) / (denominator * 2));
}
