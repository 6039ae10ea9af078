import { z } from 'zod';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { isEuCountryCode } from '@/lib/registration/eu-countries';
import {
  paymentSettingFields,
  registrationSettingFields,
  registrationSettingsSchema,
  type AutoApprovalRules,
  type RegistrationSettings,
  type SettingField,
  type SettingValues,
  type ToggleSetting,
} from '@/lib/registration/registration-settings';

/**
 * The registration page's one mapping between the stored settings, the form's draft (what the owner is
 * editing) and what the browser posts. The browser's preview and the server's save read a draft with the
 * same function, so they cannot disagree; the fields come from the tables in registration-settings.ts.
 * Client components import this module: it stays free of the database and the logger.
 */

type RegistrationFields = typeof registrationSettingFields;
type PaymentFields = typeof paymentSettingFields;
type PageFields = RegistrationFields & PaymentFields;
type PageKey = keyof PageFields;

const pageSettingFields: PageFields = { ...registrationSettingFields, ...paymentSettingFields };

export type PaymentSettings = SettingValues<PaymentFields>;
export type RegistrationAdminSettings = RegistrationSettings & PaymentSettings;

/** The auto-approval rules as the form edits them: three choices rather than one JSON object. */
interface RulesDraft {
  validVat: boolean;
  countryRule: 'any' | 'listed';
  countries: string[];
  approvalLength: 'permanent' | 'temporary';
  temporaryDays: string;
}

/** A checkbox is held as a boolean, a number as the text being typed. */
export type RegistrationDraft = { [K in PageKey]: PageFields[K] extends ToggleSetting<string> ? boolean : string } & RulesDraft;

/** The settings form as the browser posts it: checkboxes are present ("on") or absent. */
export type RegistrationSettingsForm = { [K in PageKey]?: string } & {
  validVat?: string;
  /** 'any' or 'listed' */
  countryRule?: string;
  countries?: string[];
  /** 'permanent' or 'temporary' */
  approvalLength?: string;
  temporaryDays?: string;
};

/** `registration` is what registration would apply, null while its part of the draft is wrong. */
type DraftReading =
  | { settings: RegistrationAdminSettings; registration: RegistrationSettings; fieldErrors?: undefined }
  | { settings?: undefined; registration: RegistrationSettings | null; fieldErrors: Record<string, string> };

const TEMPORARY_DAYS_DEFAULT = 30;

const checked = (value: string | undefined) => value === 'on' || value === 'true';

const wholeNumber = (text: string | undefined) => (text !== undefined && /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN);

const fieldEntries = Object.entries(pageSettingFields) as [PageKey, SettingField][];

function draftFields(value: (key: PageKey, field: SettingField) => boolean | string) {
  return Object.fromEntries(fieldEntries.map(([key, field]) => [key, value(key, field)])) as { [K in PageKey]: RegistrationDraft[K] };
}

/** The stored settings as the form shows them; `rules` as stored, so that rules to fix are still shown. */
export function draftOfSettings(settings: RegistrationAdminSettings, rules: AutoApprovalRules | null): RegistrationDraft {
  const r = rules ?? {};
  return {
    ...draftFields((key, field) => (field.kind === 'toggle' ? settings[key] === true : String(settings[key]))),
    validVat: r.valid_vat === true,
    countryRule: r.country?.length ? 'listed' : 'any',
    countries: r.country ?? [],
    approvalLength: r.temporary_days ? 'temporary' : 'permanent',
    temporaryDays: String(r.temporary_days ?? TEMPORARY_DAYS_DEFAULT),
  };
}

/** What the browser posted, as a draft; anything but the expected choices counts as the first one. */
export function draftOfForm(form: RegistrationSettingsForm): RegistrationDraft {
  return {
    ...draftFields((key, field) => (field.kind === 'toggle' ? checked(form[key]) : (form[key] ?? ''))),
    validVat: checked(form.validVat),
    countryRule: form.countryRule === 'listed' ? 'listed' : 'any',
    countries: form.countries ?? [],
    approvalLength: form.approvalLength === 'temporary' ? 'temporary' : 'permanent',
    temporaryDays: form.temporaryDays ?? '',
  };
}

type WholeNumberField = Extract<SettingField, { kind: 'wholeNumber' }>;

/** The typed (numeric) fields of a table, each validated on its own. */
function numberSchemas(fields: Record<string, SettingField>): Record<string, z.ZodType<number>> {
  const numeric = Object.entries(fields).filter((entry): entry is [string, WholeNumberField] => entry[1].kind === 'wholeNumber');
  return Object.fromEntries(
    numeric.map(([key, field]) => [key, z.number({ error: field.notANumber }).refine((n) => n >= field.min && n <= field.max, field.outOfRange)]),
  );
}

/** Every typed field on its own first, so that each mistake is explained beside its field at once. */
const registrationFieldsSchema = z.object({
  ...numberSchemas(registrationSettingFields),
  temporaryDays: z
    .number({ error: 'Enter the approval period as a whole number of days.' })
    .refine((n) => n >= 1 && n <= 365, 'A temporary approval lasts from 1 to 365 days.')
    .optional(),
  countries: z
    .array(z.string().refine(isEuCountryCode, 'Choose countries from the list.'))
    .min(1, 'Tick at least one country, or choose “businesses from any country”.')
    .optional(),
});
const paymentFieldsSchema = z.object(numberSchemas(paymentSettingFields));

function typedValues(d: RegistrationDraft, fields: Record<string, SettingField>): Record<string, number> {
  const numeric = Object.entries(fields).filter(([, field]) => field.kind === 'wholeNumber');
  return Object.fromEntries(numeric.map(([key]) => [key, wholeNumber(d[key as PageKey] as string)]));
}

/** The registration settings of a draft whose typed fields are valid, for the schema registration applies. */
function registrationInput(d: RegistrationDraft, typed: z.output<typeof registrationFieldsSchema>): Record<string, unknown> {
  const { temporaryDays, countries } = typed;
  const rules = {
    ...(d.validVat ? { valid_vat: true } : {}),
    ...(countries ? { country: countries } : {}),
    ...(temporaryDays !== undefined ? { temporary_days: temporaryDays } : {}),
  };
  const values = Object.keys(registrationSettingFields).map((key) => [key, key in typed ? typed[key as keyof typeof typed] : d[key as PageKey]]);
  return { ...Object.fromEntries(values), autoApprovalRules: Object.keys(rules).length > 0 ? rules : null };
}

/**
 * The draft as settings, or its mistakes, one message per field: first the typed fields each on its own,
 * then, once they are valid, the schema registration applies (which relates the settings to each other).
 */
export function readRegistrationDraft(d: RegistrationDraft): DraftReading {
  const typed = registrationFieldsSchema.safeParse({
    ...typedValues(d, registrationSettingFields),
    temporaryDays: d.approvalLength === 'temporary' ? wholeNumber(d.temporaryDays) : undefined,
    countries: d.countryRule === 'listed' ? d.countries : undefined,
  });
  const payment = paymentFieldsSchema.safeParse(typedValues(d, paymentSettingFields));
  const registration = typed.success ? registrationSettingsSchema.safeParse(registrationInput(d, typed.data)) : undefined;
  const typedErrors = { ...(typed.success ? {} : fieldErrorsOf(typed.error)), ...(payment.success ? {} : fieldErrorsOf(payment.error)) };
  if (Object.keys(typedErrors).length > 0) return { registration: registration?.data ?? null, fieldErrors: typedErrors };
  if (!registration?.success) return { registration: null, fieldErrors: registration ? fieldErrorsOf(registration.error) : {} };
  return { settings: { ...registration.data, ...(payment.data as PaymentSettings) }, registration: registration.data };
}

/** What registration would apply with the draft as it stands, or null while it is incomplete. */
export function previewSettings(d: RegistrationDraft): RegistrationSettings | null {
  return readRegistrationDraft(d).registration;
}
