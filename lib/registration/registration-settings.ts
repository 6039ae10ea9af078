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
      issue.code === 'unrecognized_keys' ? `Unknown auto-approval rule ${issue.keys.join(', ')}; the rules are ${ruleNames.join(', ')}.` : undefined,
  },
);

export type AutoApprovalRules = z.output<typeof autoApprovalRulesSchema>;

/**
 * A yes/no setting: a boolean `tenants` column of the same name, a checkbox on the dashboard's
 * registration page.
 */
export interface ToggleSetting<Key extends string = string> {
  kind: 'toggle';
  /** The column's default: what a new shop starts with (a test holds it to the schema). */
  default: boolean;
  label: string;
  help: string;
  /** A toggle this one means nothing without: disabled, and turned off with it, while that one is off. */
  requires?: { setting: Key; message: string; helpWhileOff: string };
}

/** A whole number within bounds: an integer `tenants` column of the same name, a numeric field on the page. */
interface WholeNumberSetting {
  kind: 'wholeNumber';
  default: number;
  min: number;
  max: number;
  label: string;
  /** Shown after the field, e.g. "minutes". */
  unit: string;
  help: string;
  /** The message for text that is no whole number, and the one for a number out of bounds. */
  notANumber: string;
  outOfRange: string;
}

export type SettingField<Key extends string = string> = ToggleSetting<Key> | WholeNumberSetting;

/** The settings a table defines, as they are stored and applied. */
export type SettingValues<Fields> = { [K in keyof Fields]: Fields[K] extends ToggleSetting<string> ? boolean : number };

/** Checks a table of settings; a `requires` must name another setting of the same table. */
function settingFields<const Fields extends { [K in keyof Fields]: SettingField<Extract<keyof Fields, string>> }>(fields: Fields): Fields {
  return fields;
}

/**
 * The registration settings with a column and a field of their own, in the order the dashboard shows
 * them. Everything else is derived from this table: the type below, the dashboard form's draft, reading
 * and saving, and its rendering. The auto-approval rules are the one setting with a form of their own.
 */
export const registrationSettingFields = settingFields({
  vatNumberRequired: {
    kind: 'toggle',
    default: true,
    label: 'VAT number required',
    help: 'Every new account must give a company name and a valid EU VAT number. Turn this off to let consumers sign up too.',
  },
  approvalRequired: {
    kind: 'toggle',
    default: true,
    label: 'New accounts need approval',
    help: 'New customers can browse at once but can only order after an approval. When this is off, every new account can order right away.',
  },
  autoApprovalEnabled: {
    kind: 'toggle',
    default: false,
    label: 'Approve automatically when the rules below are met',
    help: 'Accounts that pass every rule can order at once; the others wait for you in Customers.',
    requires: {
      setting: 'approvalRequired',
      message: 'Auto-approval only applies when new accounts need approval: turn on approval first.',
      helpWhileOff: 'Only useful when new accounts need approval.',
    },
  },
});

export const MIN_PAYMENT_TIMEOUT = 5;
export const MAX_PAYMENT_TIMEOUT = 1440;

/**
 * Settings on the same dashboard page that registration itself does not read (the order workflow does);
 * defined the same way, kept out of `RegistrationSettings`.
 */
export const paymentSettingFields = settingFields({
  paymentTimeoutMinutes: {
    kind: 'wholeNumber',
    default: 30,
    min: MIN_PAYMENT_TIMEOUT,
    max: MAX_PAYMENT_TIMEOUT,
    label: 'Time to pay by card',
    unit: 'minutes',
    help: `How long a customer has to finish a card payment. After that the order is cancelled and its stock is free again. From ${MIN_PAYMENT_TIMEOUT} to ${MAX_PAYMENT_TIMEOUT} minutes (24 hours).`,
    notANumber: 'Enter the payment time as a whole number of minutes.',
    outOfRange: `Allow between ${MIN_PAYMENT_TIMEOUT} and ${MAX_PAYMENT_TIMEOUT} minutes (24 hours) for a card payment.`,
  },
});

type FieldSchemas<Fields> = { [K in keyof Fields]: Fields[K] extends ToggleSetting<string> ? z.ZodBoolean : z.ZodNumber };

/** The stored value's schema of each setting in a table. */
function storedValueSchemas<Fields extends Record<string, SettingField>>(fields: Fields): FieldSchemas<Fields> {
  const entries = Object.entries(fields).map(([key, field]) => [key, field.kind === 'toggle' ? z.boolean() : z.number().int().min(field.min).max(field.max)]);
  return Object.fromEntries(entries) as FieldSchemas<Fields>;
}

export const registrationSettingsSchema = z
  .object({
    ...storedValueSchemas(registrationSettingFields),
    autoApprovalRules: autoApprovalRulesSchema.nullable(),
  })
  .superRefine((settings, ctx) => {
    for (const [key, field] of Object.entries(registrationSettingFields)) {
      const requires = field.kind === 'toggle' && 'requires' in field ? field.requires : undefined;
      if (requires && settings[key as keyof typeof settings] === true && settings[requires.setting] !== true) {
        ctx.addIssue({ code: 'custom', message: requires.message, path: [key] });
      }
    }
  });

export type RegistrationSettings = z.output<typeof registrationSettingsSchema>;

function defaultsOf<Fields extends Record<string, SettingField>>(fields: Fields): SettingValues<Fields> {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.default])) as SettingValues<Fields>;
}

/** What a new shop starts with: every setting's column default, and no auto-approval rules. */
export const registrationSettingDefaults: RegistrationSettings = { ...defaultsOf(registrationSettingFields), autoApprovalRules: null };

/** Every registration setting's name, which is also the name of the `tenants` column it is stored in. */
export const registrationSettingKeys = [...Object.keys(registrationSettingFields), 'autoApprovalRules'] as (keyof RegistrationSettings)[];
