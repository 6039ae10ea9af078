import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  assertCanPlaceOrders,
  canPlaceOrders,
  customerStatusMessage,
  decideRegistration,
  effectiveCustomerStatus,
  type CustomerStanding,
  type EffectiveCustomerStatus,
  type VatEvidence,
} from './decide-registration';
import { registrationSettingDefaults, type RegistrationSettings } from './registration-settings';

const now = new Date('2026-03-20T10:15:00Z');
const DAY_MS = 86_400_000;

const b2bStrict: RegistrationSettings = {
  ...registrationSettingDefaults,
  vatNumberRequired: true,
  approvalRequired: true,
  autoApprovalEnabled: false,
  autoApprovalRules: null,
};
const b2bAuto: RegistrationSettings = {
  ...b2bStrict,
  autoApprovalEnabled: true,
  autoApprovalRules: { valid_vat: true, country: ['BE', 'NL'], temporary_days: 30 },
};
const b2cOpen: RegistrationSettings = {
  ...registrationSettingDefaults,
  vatNumberRequired: false,
  approvalRequired: false,
  autoApprovalEnabled: false,
  autoApprovalRules: null,
};

const validVat = (countryCode: string, registry: VatEvidence['registry'] = 'not_checked'): VatEvidence => ({
  offline: 'valid',
  registry,
  countryCode,
});

describe('decideRegistration: the flows of the specification', () => {
  it('B2B strict: a valid VAT number still waits for a person', () => {
    expect(decideRegistration({ settings: b2bStrict, countryCode: 'BE', vat: validVat('BE', 'valid'), now })).toEqual({
      status: 'pending_approval',
      approvalType: null,
      approvalExpiresAt: null,
      reviewReason: 'manual_approval_required',
    });
  });

  it('B2B auto: a valid Belgian VAT number is approved for exactly 30 days', () => {
    const decision = decideRegistration({ settings: b2bAuto, countryCode: 'BE', vat: validVat('BE', 'valid'), now });
    expect(decision).toEqual({
      status: 'active',
      approvalType: 'auto',
      approvalExpiresAt: new Date('2026-04-19T10:15:00Z'),
      reviewReason: null,
    });
    expect(decision.approvalExpiresAt!.getTime() - now.getTime()).toBe(30 * DAY_MS);
  });

  it('B2B auto: a Dutch customer is approved, also without a registry', () => {
    const decision = decideRegistration({ settings: b2bAuto, countryCode: 'NL', vat: validVat('NL'), now });
    expect(decision).toMatchObject({ status: 'active', approvalType: 'auto' });
  });

  it('B2B auto: a German customer waits because of the country rule', () => {
    expect(decideRegistration({ settings: b2bAuto, countryCode: 'DE', vat: validVat('DE', 'valid'), now })).toEqual({
      status: 'pending_approval',
      approvalType: null,
      approvalExpiresAt: null,
      reviewReason: 'country_not_allowed',
    });
  });

  it('B2B auto: an invalid or missing VAT number waits', () => {
    for (const offline of ['invalid', 'missing'] as const) {
      const vat: VatEvidence = { offline, registry: 'not_checked' };
      expect(decideRegistration({ settings: b2bAuto, countryCode: 'BE', vat, now })).toMatchObject({
        status: 'pending_approval',
        reviewReason: 'vat_not_valid',
      });
    }
  });

  it('B2B auto: a number the registry does not know waits', () => {
    const decision = decideRegistration({ settings: b2bAuto, countryCode: 'BE', vat: validVat('BE', 'invalid'), now });
    expect(decision).toMatchObject({ status: 'pending_approval', reviewReason: 'vat_not_valid' });
  });

  it('B2B auto: a registry outage sends the account to manual review', () => {
    const decision = decideRegistration({ settings: b2bAuto, countryCode: 'BE', vat: validVat('BE', 'unavailable'), now });
    expect(decision).toEqual({
      status: 'pending_approval',
      approvalType: null,
      approvalExpiresAt: null,
      reviewReason: 'vat_registry_unavailable',
    });
  });

  it('B2B auto: a definite failure is reported before a registry outage', () => {
    const decision = decideRegistration({ settings: b2bAuto, countryCode: 'DE', vat: validVat('DE', 'unavailable'), now });
    expect(decision.reviewReason).toBe('country_not_allowed');
  });

  it('B2C open: active at once, without VAT', () => {
    const vat: VatEvidence = { offline: 'missing', registry: 'not_checked' };
    expect(decideRegistration({ settings: b2cOpen, countryCode: null, vat, now })).toEqual({
      status: 'active',
      approvalType: 'open',
      approvalExpiresAt: null,
      reviewReason: null,
    });
  });
});

describe('decideRegistration: rules', () => {
  const auto = (autoApprovalRules: RegistrationSettings['autoApprovalRules']): RegistrationSettings => ({
    ...b2bAuto,
    autoApprovalRules,
  });

  it('approves without expiry when there is no temporary_days', () => {
    const decision = decideRegistration({ settings: auto({ valid_vat: true }), countryCode: 'FR', vat: validVat('FR'), now });
    expect(decision).toEqual({ status: 'active', approvalType: 'auto', approvalExpiresAt: null, reviewReason: null });
  });

  it('approves everyone when auto-approval has no rules', () => {
    const vat: VatEvidence = { offline: 'missing', registry: 'not_checked' };
    expect(decideRegistration({ settings: auto(null), countryCode: null, vat, now }).status).toBe('active');
    expect(decideRegistration({ settings: auto({}), countryCode: null, vat, now }).status).toBe('active');
  });

  it('ignores the registry when VAT is not a rule', () => {
    const settings = auto({ country: ['BE'] });
    expect(decideRegistration({ settings, countryCode: 'BE', vat: validVat('BE', 'unavailable'), now }).status).toBe('active');
  });

  it('falls back to the VAT number’s country when the customer gave none', () => {
    const settings = auto({ country: ['BE'] });
    expect(decideRegistration({ settings, countryCode: null, vat: validVat('BE'), now }).status).toBe('active');
    const noCountry: VatEvidence = { offline: 'missing', registry: 'not_checked' };
    expect(decideRegistration({ settings, countryCode: null, vat: noCountry, now }).reviewReason).toBe('country_not_allowed');
  });

  it('matches countries case-insensitively and Greece as GR or EL', () => {
    const settings = auto({ country: ['GR'] });
    expect(decideRegistration({ settings, countryCode: 'gr', vat: validVat('GR'), now }).status).toBe('active');
    expect(decideRegistration({ settings, countryCode: 'EL', vat: validVat('GR'), now }).status).toBe('active');
  });

  it('approves as open when approval is off, whatever the auto-approval flags say', () => {
    const settings = { ...b2bAuto, approvalRequired: false };
    const vat: VatEvidence = { offline: 'invalid', registry: 'unavailable' };
    expect(decideRegistration({ settings, countryCode: 'US', vat, now }).approvalType).toBe('open');
  });
});

describe('decideRegistration: properties', () => {
  // Settings this property does not vary keep their defaults.
  const settingsArb = fc
    .record({
      vatNumberRequired: fc.boolean(),
      approvalRequired: fc.boolean(),
      autoApprovalEnabled: fc.boolean(),
      autoApprovalRules: fc.option(
        fc.record(
          {
            valid_vat: fc.boolean(),
            country: fc.subarray(['BE', 'NL', 'DE', 'FR', 'GR', 'NO'], { minLength: 1 }),
            temporary_days: fc.integer({ min: 1, max: 365 }),
          },
          { requiredKeys: [] },
        ),
        { nil: null },
      ),
    })
    .map((settings): RegistrationSettings => ({ ...registrationSettingDefaults, ...settings }));
  const vatArb = fc.record(
    {
      offline: fc.constantFrom('valid', 'invalid', 'missing'),
      registry: fc.constantFrom('valid', 'invalid', 'unavailable', 'not_checked'),
      countryCode: fc.constantFrom('BE', 'NL', 'DE', 'GR'),
    },
    { requiredKeys: ['offline', 'registry'] },
  );
  const countryArb = fc.option(fc.constantFrom('BE', 'NL', 'DE', 'FR', 'GR', 'EL', 'US', 'be', ''), { nil: null });
  const nowArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

  it('never rejects, and never approves during a registry outage when VAT must be valid', () => {
    fc.assert(
      fc.property(settingsArb, countryArb, vatArb, nowArb, (settings, countryCode, vat, at) => {
        const decision = decideRegistration({ settings, countryCode, vat, now: at });
        expect(['active', 'pending_approval']).toContain(decision.status);
        const vatRequired = settings.approvalRequired && settings.autoApprovalRules?.valid_vat === true;
        if (vatRequired && settings.autoApprovalEnabled && vat.registry === 'unavailable') {
          expect(decision.status).toBe('pending_approval');
        }
        if (vatRequired && settings.autoApprovalEnabled && vat.offline !== 'valid') {
          expect(decision.status).toBe('pending_approval');
        }
      }),
    );
  });

  it('is consistent: active decisions carry an approval type, pending ones a reason', () => {
    fc.assert(
      fc.property(settingsArb, countryArb, vatArb, nowArb, (settings, countryCode, vat, at) => {
        const decision = decideRegistration({ settings, countryCode, vat, now: at });
        if (decision.status === 'active') {
          expect(decision.approvalType).not.toBeNull();
          expect(decision.reviewReason).toBeNull();
          if (decision.approvalExpiresAt) expect(decision.approvalExpiresAt.getTime()).toBeGreaterThan(at.getTime());
        } else {
          expect(decision.approvalType).toBeNull();
          expect(decision.approvalExpiresAt).toBeNull();
          expect(decision.reviewReason).not.toBeNull();
        }
      }),
    );
  });
});

describe('effectiveCustomerStatus and the order gate', () => {
  const expiresAt = new Date('2026-04-19T10:15:00Z');
  const temporary: CustomerStanding = { status: 'active', approvalExpiresAt: expiresAt };

  it('keeps a temporary approval active until its expiry moment', () => {
    expect(effectiveCustomerStatus(temporary, new Date(expiresAt.getTime() - 1))).toBe('active');
    expect(canPlaceOrders(temporary, new Date(expiresAt.getTime() - 1))).toBe(true);
  });

  it('expires exactly at the expiry moment', () => {
    expect(effectiveCustomerStatus(temporary, expiresAt)).toBe('expired');
    expect(canPlaceOrders(temporary, expiresAt)).toBe(false);
    expect(effectiveCustomerStatus(temporary, new Date(expiresAt.getTime() + DAY_MS))).toBe('expired');
  });

  it('keeps permanent approvals active and other statuses as they are', () => {
    expect(effectiveCustomerStatus({ status: 'active', approvalExpiresAt: null }, now)).toBe('active');
    expect(effectiveCustomerStatus({ status: 'pending_approval', approvalExpiresAt: null }, now)).toBe('pending_approval');
    expect(effectiveCustomerStatus({ status: 'rejected', approvalExpiresAt: expiresAt }, now)).toBe('rejected');
  });

  it('lets only active customers order', () => {
    expect(() => assertCanPlaceOrders({ status: 'active', approvalExpiresAt: null }, now)).not.toThrow();
    expect(canPlaceOrders({ status: 'pending_approval', approvalExpiresAt: null }, now)).toBe(false);
    expect(canPlaceOrders({ status: 'rejected', approvalExpiresAt: null }, now)).toBe(false);
  });

  const refusalOf = (customer: CustomerStanding, at: Date): AppError => {
    try {
      assertCanPlaceOrders(customer, at);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected the order to be refused');
  };

  it('refuses pending customers with ACCOUNT_PENDING', () => {
    const error = refusalOf({ status: 'pending_approval', approvalExpiresAt: null }, now);
    expect(error.code).toBe('ACCOUNT_PENDING');
    expect(error.httpStatus).toBe(403);
    expect(error.message).toMatch(/waiting for approval/);
  });

  it('refuses expired customers with ACCOUNT_PENDING and says why', () => {
    const error = refusalOf(temporary, expiresAt);
    expect(error.code).toBe('ACCOUNT_PENDING');
    expect(error.message).toMatch(/temporary approval has run out/);
    expect(error.message).toMatch(/review/);
    expect(error.details).toEqual({ status: 'expired' });
  });

  it('refuses rejected customers with FORBIDDEN', () => {
    const error = refusalOf({ status: 'rejected', approvalExpiresAt: null }, now);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/not approved/);
  });
});

describe('customerStatusMessage', () => {
  it.each<[EffectiveCustomerStatus, string]>([
    ['active', 'success'],
    ['pending_approval', 'info'],
    ['expired', 'warning'],
    ['rejected', 'danger'],
  ])('describes %s with tone %s and names the shop', (status, tone) => {
    const message = customerStatusMessage(status, 'Acme Wheels');
    expect(message.tone).toBe(tone);
    expect(message.title.length).toBeGreaterThan(0);
    expect(message.body).toContain('Acme Wheels');
  });
});
