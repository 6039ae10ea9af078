import { getTableColumns } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tenants, type AutoApprovalRules as StoredAutoApprovalRules } from '@/db/schema/platform';
import { hostileRecord, hostileString, hostileValue, safeParseReadable } from '@/tests/support/hostile-input';
import { eeaOnlyCountryCodes, euCountryCodes } from './eu-countries';
import {
  autoApprovalRulesSchema,
  paymentSettingFields,
  registrationSettingFields,
  registrationSettingDefaults,
  registrationSettingKeys,
  registrationSettingsSchema,
  type AutoApprovalRules,
} from './registration-settings';

function messagesOf(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('autoApprovalRulesSchema', () => {
  it('accepts the example rules of the specification', () => {
    const rules = { valid_vat: true, country: ['BE', 'NL'], temporary_days: 30 };
    expect(autoApprovalRulesSchema.parse(rules)).toEqual(rules);
  });

  it('accepts an empty rule set and each rule on its own', () => {
    expect(autoApprovalRulesSchema.parse({})).toEqual({});
    expect(autoApprovalRulesSchema.parse({ valid_vat: false })).toEqual({ valid_vat: false });
    expect(autoApprovalRulesSchema.parse({ temporary_days: 365 })).toEqual({ temporary_days: 365 });
  });

  it('normalises country codes to upper case and drops duplicates', () => {
    expect(autoApprovalRulesSchema.parse({ country: ['be', ' nl ', 'BE', 'no'] })).toEqual({ country: ['BE', 'NL', 'NO'] });
  });

  it('rejects codes that are not EU or EEA countries', () => {
    const result = autoApprovalRulesSchema.safeParse({ country: ['BE', 'US'] });
    expect(messagesOf(result)).toEqual(['US is not an EU or EEA country code (ISO 3166, e.g. BE or NL).']);
    expect(autoApprovalRulesSchema.safeParse({ country: ['Belgium'] }).success).toBe(false);
    expect(autoApprovalRulesSchema.safeParse({ country: 'BE' }).success).toBe(false);
  });

  it('points Greece to GR rather than its VAT prefix', () => {
    expect(messagesOf(autoApprovalRulesSchema.safeParse({ country: ['el'] }))).toEqual(['Use GR for Greece: EL is only the prefix of Greek VAT numbers.']);
  });

  it('rejects an empty country list', () => {
    expect(messagesOf(autoApprovalRulesSchema.safeParse({ country: [] }))).toEqual(['List at least one country, or remove the country rule.']);
  });

  it.each([0, 366, 1.5, -3, '30'])('rejects temporary_days %j', (days) => {
    expect(autoApprovalRulesSchema.safeParse({ temporary_days: days }).success).toBe(false);
  });

  it('rejects unknown rules by name', () => {
    const result = autoApprovalRulesSchema.safeParse({ valid_vat: true, countries: ['BE'] });
    expect(messagesOf(result)).toEqual(['Unknown auto-approval rule countries; the rules are valid_vat, country, temporary_days.']);
  });

  it('rejects a non-boolean valid_vat', () => {
    expect(messagesOf(autoApprovalRulesSchema.safeParse({ valid_vat: 'yes' }))).toEqual(['valid_vat must be true or false.']);
  });

  it('produces what the tenants table stores', () => {
    const parsed: AutoApprovalRules = autoApprovalRulesSchema.parse({ country: ['BE'] });
    const stored: StoredAutoApprovalRules = parsed;
    expect(stored).toEqual({ country: ['BE'] });
  });
});

describe('registrationSettingsSchema', () => {
  const b2bStrict = { ...registrationSettingDefaults, vatNumberRequired: true, approvalRequired: true, autoApprovalEnabled: false, autoApprovalRules: null };

  it('accepts the three flows of the specification', () => {
    expect(registrationSettingsSchema.parse(b2bStrict)).toEqual(b2bStrict);
    const b2bAuto = {
      ...b2bStrict,
      autoApprovalEnabled: true,
      autoApprovalRules: { valid_vat: true, country: ['BE', 'NL'], temporary_days: 30 },
    };
    expect(registrationSettingsSchema.parse(b2bAuto)).toEqual(b2bAuto);
    const b2cOpen = { ...registrationSettingDefaults, vatNumberRequired: false, approvalRequired: false, autoApprovalEnabled: false, autoApprovalRules: null };
    expect(registrationSettingsSchema.parse(b2cOpen)).toEqual(b2cOpen);
  });

  it('refuses auto-approval without approval', () => {
    const result = registrationSettingsSchema.safeParse({ ...b2bStrict, approvalRequired: false, autoApprovalEnabled: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['autoApprovalEnabled'],
        message: 'Auto-approval only applies when new accounts need approval: turn on approval first.',
      }),
    ]);
  });

  it('validates the nested rules', () => {
    const result = registrationSettingsSchema.safeParse({ ...b2bStrict, autoApprovalRules: { temporary_days: 0 } });
    expect(result.error?.issues[0]?.path).toEqual(['autoApprovalRules', 'temporary_days']);
  });

  it('requires every flag', () => {
    expect(registrationSettingsSchema.safeParse({ approvalRequired: true }).success).toBe(false);
  });
});

describe('registration settings: properties', () => {
  const allowed = new Set<string>([...euCountryCodes, ...eeaOnlyCountryCodes]);
  const ruleKeys = ['valid_vat', 'country', 'temporary_days'] as const;
  const countryish = fc.oneof(fc.constantFrom(...euCountryCodes, ...eeaOnlyCountryCodes, 'el', 'gr', ' be ', 'XX', 'EL', ''), hostileString);
  const rules = fc.oneof(
    hostileRecord(ruleKeys),
    fc.record(
      {
        valid_vat: fc.oneof(fc.boolean(), hostileValue),
        country: fc.oneof(fc.array(countryish, { maxLength: 5 }), hostileValue),
        temporary_days: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double(), hostileValue),
      },
      { requiredKeys: [] },
    ),
  );

  it('never throws on stored or forged rules; accepted rules hold only known, normalised values', () => {
    fc.assert(
      fc.property(rules, (input) => {
        const result = safeParseReadable(autoApprovalRulesSchema, input);
        if (!result.success) return;
        expect(Object.keys(result.data).every((key) => (ruleKeys as readonly string[]).includes(key))).toBe(true);
        if (result.data.valid_vat !== undefined) expect(typeof result.data.valid_vat).toBe('boolean');
        if (result.data.country !== undefined) {
          expect(result.data.country.length).toBeGreaterThan(0);
          expect(new Set(result.data.country).size).toBe(result.data.country.length);
          for (const code of result.data.country) expect(allowed.has(code)).toBe(true);
        }
        if (result.data.temporary_days !== undefined) {
          expect(Number.isInteger(result.data.temporary_days)).toBe(true);
          expect(result.data.temporary_days).toBeGreaterThanOrEqual(1);
          expect(result.data.temporary_days).toBeLessThanOrEqual(365);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never turns auto-approval on without approval, whatever the stored flags are', () => {
    const flag = fc.oneof(fc.boolean(), hostileValue);
    fc.assert(
      fc.property(flag, flag, flag, fc.oneof(fc.constant(null), rules), (vatNumberRequired, approvalRequired, autoApprovalEnabled, autoApprovalRules) => {
        const result = safeParseReadable(registrationSettingsSchema, {
          ...registrationSettingDefaults,
          vatNumberRequired,
          approvalRequired,
          autoApprovalEnabled,
          autoApprovalRules,
        });
        if (result.success && result.data.autoApprovalEnabled) expect(result.data.approvalRequired).toBe(true);
      }),
    );
  });
});

describe('the setting tables', () => {
  const columns = getTableColumns(tenants);
  const fields = Object.entries({ ...registrationSettingFields, ...paymentSettingFields });

  it.each(fields)('stores %s in the tenants column of its name, kind and default', (key, field) => {
    const column = columns[key as keyof typeof columns];
    expect(column, `tenants has no column ${key}`).toBeDefined();
    expect(column.dataType).toBe(field.kind === 'toggle' ? 'boolean' : 'number');
    expect(column.notNull).toBe(true);
    expect(column.default).toBe(field.default);
  });

  it('names every key the settings schema reads, and no other', () => {
    expect([...registrationSettingKeys].sort()).toEqual(Object.keys(registrationSettingsSchema.shape).sort());
  });
});
