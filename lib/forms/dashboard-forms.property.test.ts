import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { isAppError } from '@/lib/errors';
import { euCountryCodes } from '@/lib/registration/eu-countries';
import {
  expectStorableText,
  hostileRecord,
  hostileString,
  hostileValue,
  safeParseReadable,
  thrownBy,
  UUID_PATTERN,
  validEmail,
  withOneHostileField,
} from '@/tests/support/hostile-input';
import { brandingSchema } from '@/lib/branding/update-branding';
import { colorPairProblems, MAX_SHOP_NAME, MAX_TAGLINE } from '@/lib/branding/branding-rules';
import { customerMarginSchema, formatMarginBp, MAX_MARGIN_BP, MIN_MARGIN_BP } from '@/lib/customers/set-customer-margin';
import { loyaltyRatesSchema } from '@/lib/loyalty/set-loyalty-rates';
import { refundRequestSchema } from '@/lib/orders/order-commands';
import { addPriceOverrideSchema } from '@/lib/pricing/price-overrides';
import {
  MAX_PAYMENT_TIMEOUT,
  MIN_PAYMENT_TIMEOUT,
  parseRegistrationSettingsForm,
  type RegistrationSettingsForm,
} from '@/lib/registration/registration-settings-form';
import { acceptInvitationSchema, inviteStaffSchema } from '@/lib/staff/staff-invitations';

const text = (min: number, max: number) =>
  fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }).filter((s) => s.trim() === s && s.length >= min);
const hex = fc.stringMatching(/^#[0-9a-fA-F]{6}$/);

describe('brandingSchema: properties', () => {
  const valid = fc.record({ name: text(1, MAX_SHOP_NAME), tagline: text(0, MAX_TAGLINE), primaryColor: hex, accentColor: hex });

  it('never throws; accepted branding is storable, lower-case #rrggbb and readable in the header', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileRecord(['name', 'tagline', 'primaryColor', 'accentColor']), withOneHostileField(valid), withOneHostileField(valid, hostileValue)),
        (input) => {
          const result = safeParseReadable(brandingSchema, input);
          if (!result.success) return;
          const branding = result.data;
          expect(branding.name).toBe(branding.name.trim());
          expect(branding.name.length).toBeGreaterThanOrEqual(1);
          expect(branding.name.length).toBeLessThanOrEqual(MAX_SHOP_NAME);
          if (branding.tagline !== null) expect(branding.tagline.length).toBeLessThanOrEqual(MAX_TAGLINE);
          expectStorableText(branding.name);
          expectStorableText(branding.tagline);
          expect(branding.primaryColor).toMatch(/^#[0-9a-f]{6}$/);
          expect(branding.accentColor).toMatch(/^#[0-9a-f]{6}$/);
          expect(colorPairProblems(branding.primaryColor, branding.accentColor)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts any readable pair of colours, however it is cased', () => {
    fc.assert(
      fc.property(valid, (branding) => {
        const readable = colorPairProblems(branding.primaryColor.toLowerCase(), branding.accentColor.toLowerCase()).length === 0;
        expect(brandingSchema.safeParse(branding).success).toBe(readable);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loyaltyRatesSchema: properties', () => {
  it('accepts only whole numbers from 0 to 100, and every one of them', () => {
    const rate = fc.oneof(
      hostileString,
      fc.integer({ min: -10, max: 1000 }).map(String),
      fc.integer({ min: 0, max: 100 }).map((n) => ` ${n} `),
    );
    fc.assert(
      fc.property(fc.oneof(fc.record({ pointsPerEuro: rate, pointValueCents: rate }), hostileRecord(['pointsPerEuro', 'pointValueCents'])), (input) => {
        const result = safeParseReadable(loyaltyRatesSchema, input);
        const expected = (value: unknown) => (typeof value === 'string' && /^\d{1,3}$/.test(value.trim()) && Number(value) <= 100 ? Number(value) : undefined);
        const [points, value] = [expected(input.pointsPerEuro), expected(input.pointValueCents)];
        expect(result.success).toBe(points !== undefined && value !== undefined);
        if (result.success) expect(result.data).toEqual({ pointsPerEuro: points, pointValueCents: value });
      }),
      { numRuns: 500 },
    );
  });
});

describe('staff invitation schemas: properties', () => {
  it('an invitation names a trimmed, lower-cased email and one of the two roles', () => {
    const valid = fc.record({ email: validEmail, role: fc.constantFrom('manager', 'owner') });
    fc.assert(
      fc.property(fc.oneof(hostileRecord(['email', 'role']), withOneHostileField(valid)), (input) => {
        const result = safeParseReadable(inviteStaffSchema, input);
        if (!result.success) return;
        expect(result.data.email).toBe(result.data.email.trim().toLowerCase());
        expect(result.data.email.length).toBeLessThanOrEqual(254);
        expect(['manager', 'owner']).toContain(result.data.role);
      }),
      { numRuns: 300 },
    );
  });

  it('an accepted name is trimmed and storable, the password within its lengths', () => {
    const valid = fc.record({ name: text(1, 100), password: fc.string({ minLength: MIN_PASSWORD_LENGTH, maxLength: 60 }) });
    fc.assert(
      fc.property(fc.oneof(hostileRecord(['name', 'password']), withOneHostileField(valid)), (input) => {
        const result = safeParseReadable(acceptInvitationSchema, input);
        if (!result.success) return;
        if (result.data.name !== undefined) {
          expect(result.data.name).toBe(result.data.name.trim());
          expect(result.data.name.length).toBeGreaterThanOrEqual(1);
          expectStorableText(result.data.name);
        }
        expect(result.data.password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
        expect(result.data.password.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
      }),
      { numRuns: 300 },
    );
  });
});

describe('refundRequestSchema: properties', () => {
  it('an accepted reason is trimmed, 1–200 characters and storable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileRecord(['reason']),
          hostileString.map((reason) => ({ reason })),
        ),
        (input) => {
          const result = safeParseReadable(refundRequestSchema, input);
          if (!result.success) return;
          expect(result.data.reason).toBe(result.data.reason.trim());
          expect(result.data.reason.length).toBeGreaterThanOrEqual(1);
          expect(result.data.reason.length).toBeLessThanOrEqual(200);
          expectStorableText(result.data.reason);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('customerMarginSchema: properties', () => {
  const marginish = fc.oneof(
    hostileString,
    fc.stringMatching(/^[ +\-−–]?\d{0,4}([.,]\d{0,3})? ?%?$/),
    fc.integer({ min: MIN_MARGIN_BP, max: MAX_MARGIN_BP }).map(formatMarginBp),
  );

  it('never throws; accepted margins are whole basis points within range for a UUID customer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), hostileString), marginish, (customerId, marginPercent) => {
        const result = safeParseReadable(customerMarginSchema, { customerId, marginPercent });
        if (!result.success) return;
        expect(result.data.customerId).toMatch(UUID_PATTERN);
        expect(Number.isSafeInteger(result.data.marginPercent)).toBe(true);
        expect(result.data.marginPercent).toBeGreaterThanOrEqual(MIN_MARGIN_BP);
        expect(result.data.marginPercent).toBeLessThanOrEqual(MAX_MARGIN_BP);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every margin as the dashboard shows it', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: MIN_MARGIN_BP, max: MAX_MARGIN_BP }), (customerId, bp) => {
        const result = customerMarginSchema.parse({ customerId, marginPercent: formatMarginBp(bp) });
        expect(Object.is(result.marginPercent, -0) ? 0 : result.marginPercent).toBe(bp);
      }),
      { numRuns: 500 },
    );
  });
});

describe('addPriceOverrideSchema: properties', () => {
  it('an accepted article id is a positive integer the article id column can hold', () => {
    const idish = fc.oneof(
      hostileValue,
      fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }).map(String),
      fc.constantFrom('2147483647', '2147483648', '9999999999', '1e10'),
    );
    fc.assert(
      fc.property(idish, fc.oneof(hostileString, fc.constant(undefined)), (articleId, price) => {
        const result = safeParseReadable(addPriceOverrideSchema, { articleId, price, validFrom: '2026-01-01' });
        if (!result.success) return;
        expect(Number.isSafeInteger(result.data.articleId)).toBe(true);
        expect(result.data.articleId).toBeGreaterThanOrEqual(1);
        expect(result.data.articleId).toBeLessThanOrEqual(2_147_483_647);
        expect(typeof result.data.price).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseRegistrationSettingsForm: properties', () => {
  const checkbox = fc.option(fc.oneof(fc.constantFrom('on', 'true', 'off', ''), hostileString), { nil: undefined });
  const form: fc.Arbitrary<RegistrationSettingsForm> = fc.record(
    {
      vatNumberRequired: checkbox,
      approvalRequired: checkbox,
      autoApprovalEnabled: checkbox,
      validVat: checkbox,
      countryRule: fc.oneof(fc.constantFrom('any', 'listed'), hostileString),
      countries: fc.array(fc.oneof(fc.constantFrom(...euCountryCodes, 'NO', 'el', '__proto__', 'constructor'), hostileString), { maxLength: 5 }),
      approvalLength: fc.oneof(fc.constantFrom('permanent', 'temporary'), hostileString),
      temporaryDays: fc.oneof(fc.integer({ min: -1, max: 400 }).map(String), hostileString),
      paymentTimeoutMinutes: fc.oneof(fc.integer({ min: 0, max: 2000 }).map(String), hostileString),
    },
    { requiredKeys: [] },
  );

  it('throws only a validation error; accepted settings are consistent and within range', () => {
    fc.assert(
      fc.property(form, (input) => {
        let settings: ReturnType<typeof parseRegistrationSettingsForm> | undefined;
        const error = thrownBy(() => {
          settings = parseRegistrationSettingsForm(input);
        });
        if (error !== undefined) {
          expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
          for (const message of Object.values((error as { details: { fieldErrors: Record<string, string> } }).details.fieldErrors))
            expect(message.trim()).not.toBe('');
          return;
        }
        const s = settings!;
        expect(Number.isSafeInteger(s.paymentTimeoutMinutes)).toBe(true);
        expect(s.paymentTimeoutMinutes).toBeGreaterThanOrEqual(MIN_PAYMENT_TIMEOUT);
        expect(s.paymentTimeoutMinutes).toBeLessThanOrEqual(MAX_PAYMENT_TIMEOUT);
        if (s.autoApprovalEnabled) expect(s.approvalRequired).toBe(true);
        const rules = s.autoApprovalRules;
        if (rules?.country) for (const code of rules.country) expect(euCountryCodes).toContain(code);
        if (rules?.temporary_days !== undefined)
          expect(Number.isSafeInteger(rules.temporary_days) && rules.temporary_days >= 1 && rules.temporary_days <= 365).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dashboard forms: regressions', () => {
  it('refuses a NUL in the shop name, a refund reason and a new staff member’s name', () => {
    expect(brandingSchema.safeParse({ name: '\u0000', tagline: '', primaryColor: '#1e3a8a', accentColor: '#f59e0b' }).success).toBe(false);
    expect(refundRequestSchema.safeParse({ reason: '\u0000' }).success).toBe(false);
    expect(acceptInvitationSchema.safeParse({ name: 'Sam\u0000', password: 'correct horse battery' }).success).toBe(false);
  });

  it('refuses an article id beyond PostgreSQL’s integer range', () => {
    expect(addPriceOverrideSchema.safeParse({ articleId: '2147483648' }).success).toBe(false);
    expect(addPriceOverrideSchema.safeParse({ articleId: '2147483647' }).success).toBe(true);
  });
});
