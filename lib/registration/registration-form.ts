import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { singleLineText } from '@/lib/forms/storable-text';
import { euCountryCodes } from './eu-countries';

const optionalText = (max: number) =>
  singleLineText()
    .max(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

/** The sign-up form; VAT number and company become required where the tenant asks for them. */
export function registrationFormSchema(options: { vatNumberRequired: boolean }) {
  return z.object({
    name: singleLineText().min(2, 'Please enter your full name.').max(100, 'That name is too long.'),
    email: z.string().trim().toLowerCase().email('Please enter a valid email address.').max(254, 'That email address is too long.'),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(MAX_PASSWORD_LENGTH, 'That password is too long.'),
    companyName: options.vatNumberRequired
      ? singleLineText().min(2, 'Please enter your company name.').max(150, 'That company name is too long.')
      : optionalText(150),
    vatNumber: options.vatNumberRequired
      ? singleLineText().min(1, 'Please enter your company’s VAT number.').max(40, 'That VAT number is too long.')
      : optionalText(40),
    countryCode: z.enum(euCountryCodes as [string, ...string[]], { error: 'Please choose your country.' }),
    phone: optionalText(40),
  });
}
