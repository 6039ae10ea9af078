import { z } from 'zod';
import { eeaOnlyCountryCodes, euCountryCodes } from './eu-countries';

const allowedCountryCodes = new Set<string>([...euCountryCodes, ...eeaOnlyCountryCodes]);

const ruleNames = ['valid_vat', 'country', 'temporary_days'] as const;

const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    // EL is the Greek VAT prefix, not a country code: customers are stored with GR, so EL would never match.
    if (code === 'EL') {
      ctx.addIssue({ code: 'custom', message: 'Use GR for Greece: EL is only the prefix of Greek VAT numbers.' });
    } else if (!allowedCountryCodes.has(code)) {
      ctx.addIssue({ code: 'custom', message: `${code} is not an EU or EEA country code (ISO 3166, e.g. BE or NL).` });
    }
  });

export const autoApprovalRulesSchema = z.strictObject(
  {
    valid_vat: z.boolean({ error: 'valid_vat must be true or false.' }).optional(),
    country: z
      .array(countryCodeSchema, { error: 'country must be a list of country codes, e.g. ["BE", "NL"].' })
      // An empty list would silently turn auto-approval off for everyone.
      .min(1, 'List at least one country, or remove the country rule.')
      .transform((codes) => [...new Set(codes)])
      .optional(),
    temporary_days: z
      .number({ error: 'temporary_days must be a number of days.' })
      .int('temporary_days must be a whole number of days.')
      .min(1, 'temporary_days must be at least 1.')
      .max(365, 'temporary_days can be at most 365.')
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown auto-approval rule ${issue.keys.join(', ')}; the rules are ${ruleNames.join(', ')}.`
        : undefined,
  },
);

export type AutoApprovalRules = z.output<typeof autoApprovalRulesSchema>;

export const registrationSettingsSchema = z
  .object({
    vatNumberRequired: z.boolean(),
    approvalRequired: z.boolean(),
    autoApprovalEnabled: z.boolean(),
    autoApprovalRules: autoApprovalRulesSchema.nullable(),
  })
  .refine((settings) => !settings.autoApprovalEnabled || settings.approvalRequired, {
    message: 'Auto-approval only applies when new accounts need approval: turn on approval first.',
    path: ['autoApprovalEnabled'],
  });

export type RegistrationSettings = z.output<typeof registrationSettingsSchema>;
