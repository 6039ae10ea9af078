import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { euCountryCodes } from '@/lib/registration/eu-countries';
import { paymentSettingFields, registrationSettingDefaults, registrationSettingFields, type SettingField } from '@/lib/registration/registration-settings';
import {
  draftOfForm,
  draftOfSettings,
  previewSettings,
  readRegistrationDraft,
  type RegistrationAdminSettings,
  type RegistrationSettingsForm,
} from './registration-settings-draft';

const acmeLike: RegistrationAdminSettings = {
  ...registrationSettingDefaults,
  vatNumberRequired: true,
  approvalRequired: true,
  autoApprovalEnabled: true,
  autoApprovalRules: { valid_vat: true, country: ['BE', 'NL'], temporary_days: 30 },
  paymentTimeoutMinutes: 45,
};

/** A value for every setting of a table, within its bounds. */
function valuesOf(fields: Record<string, SettingField>): fc.Arbitrary<Record<string, boolean | number>> {
  return fc.record(
    Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.kind === 'toggle' ? fc.boolean() : fc.integer({ min: f.min, max: f.max })])),
  );
}

/** Valid settings: a toggle whose required toggle is off is off too, as the form leaves it. */
const settings: fc.Arbitrary<RegistrationAdminSettings> = fc
  .record({
    values: valuesOf({ ...registrationSettingFields, ...paymentSettingFields }),
    validVat: fc.boolean(),
    country: fc.option(fc.uniqueArray(fc.constantFrom(...euCountryCodes), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    temporaryDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }),
  })
  .map(({ values, validVat, country, temporaryDays }) => {
    for (const [key, f] of Object.entries(registrationSettingFields))
      if (f.kind === 'toggle' && 'requires' in f && !values[f.requires.setting]) values[key] = false;
    const rules = { ...(validVat ? { valid_vat: true } : {}), ...(country ? { country } : {}), ...(temporaryDays ? { temporary_days: temporaryDays } : {}) };
    return { ...values, autoApprovalRules: Object.keys(rules).length > 0 ? rules : null } as RegistrationAdminSettings;
  });

describe('the registration settings draft', () => {
  it('reads back the settings it was made from', () => {
    expect(readRegistrationDraft(draftOfSettings(acmeLike, acmeLike.autoApprovalRules)).settings).toEqual(acmeLike);
    fc.assert(
      fc.property(settings, (s) => {
        expect(readRegistrationDraft(draftOfSettings(s, s.autoApprovalRules)).settings).toEqual(s);
      }),
    );
  });

  it('posts what it holds: the posted form reads as the same settings', () => {
    fc.assert(
      fc.property(settings, (s) => {
        const d = draftOfSettings(s, s.autoApprovalRules);
        const posted: RegistrationSettingsForm = {
          ...Object.fromEntries(
            Object.entries(d).flatMap(([key, value]) => (value === true ? [[key, 'on']] : typeof value === 'string' ? [[key, value]] : [])),
          ),
          countries: d.countryRule === 'listed' ? d.countries : [],
        };
        expect(readRegistrationDraft(draftOfForm(posted)).settings).toEqual(s);
      }),
    );
  });

  it('previews what saving would store, and keeps previewing while only the payment time is wrong', () => {
    const d = draftOfSettings(acmeLike, acmeLike.autoApprovalRules);
    const { paymentTimeoutMinutes: _, ...registration } = acmeLike;
    expect(previewSettings(d)).toEqual(registration);
    expect(readRegistrationDraft({ ...d, paymentTimeoutMinutes: 'soon' }).fieldErrors).toEqual({
      paymentTimeoutMinutes: expect.stringMatching(/whole number of minutes/),
    });
    expect(previewSettings({ ...d, paymentTimeoutMinutes: 'soon' })).toEqual(registration);
    expect(previewSettings({ ...d, temporaryDays: '0' })).toBeNull();
    expect(previewSettings({ ...d, countries: [] })).toBeNull();
    expect(previewSettings({ ...d, approvalRequired: false })).toBeNull();
  });
});
