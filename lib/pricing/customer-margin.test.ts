import { describe, expect, it } from 'vitest';
import { applyCustomerMargin } from './customer-margin';

describe('applyCustomerMargin', () => {
  it('leaves the price alone without a margin', () => expect(applyCustomerMargin(10_000, 0)).toBe(10_000));
  it('adds a margin', () => expect(applyCustomerMargin(10_000, 1_500)).toBe(11_500));
  it('applies a discount', () => expect(applyCustomerMargin(10_000, -500)).toBe(9_500));
  it('rounds half up to the cent', () => expect(applyCustomerMargin(999, 250)).toBe(1_024)); // 1023.975
  it('never goes to zero', () => expect(applyCustomerMargin(100, -10_000)).toBe(1));
});
