import { describe, expect, it } from 'vitest';
import type { AutoApprovalRules as StoredAutoApprovalRules } from '@/db/schema/platform';
import { autoApprovalRulesSchema, registrationSettingsSchema, type AutoApprovalRules } from './registration-settings';

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
    expect(messagesOf(autoApprovalRulesSchema.safeParse({ country: ['el'] }))).toEqual([
      'Use GR for Greece: EL is only the prefix of Greek VAT numbers.',
    ]);
  });

  it('rejects an empty country list', () => {
    expect(messagesOf(autoApprovalRulesSchema.safeParse({ country: [] }))).toEqual([
      'List at least one country, or remove the country rule.',
    ]);
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
  const b2bStrict = { vatNumberRequired: true, approvalRequired: true, autoApprovalEnabled: false, autoApprovalRules: null };

  it('accepts the three flows of the specification', () => {
    expect(registrationSettingsSchema.parse(b2bStrict)).toEqual(b2bStrict);
    const b2bAuto = {
      ...b2bStrict,
      autoApprovalEnabled: true,
      autoApprovalRules: { valid_vat: true, country: ['BE', 'NL'], temporary_days: 30 },
    };
    expect(registrationSettingsSchema.parse(b2bAuto)).toEqual(b2bAuto);
    const b2cOpen = { vatNumberRequired: false, approvalRequired: false, autoApprovalEnabled: false, autoApprovalRules: null };
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
