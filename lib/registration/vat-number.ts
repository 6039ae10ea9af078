import { checkVAT, countries, type Country } from 'jsvat-next';
import { euVatCountries, isEuCountryCode, toIsoCountryCode, type EuCountryCode } from './eu-countries';

export type VatCheck =
  | {
      valid: true;
      /** ISO 3166 alpha-2, e.g. GR for Greece. */
      countryCode: EuCountryCode;
      /** The prefix VAT numbers carry: EL for Greece, otherwise the same as countryCode. */
      vatPrefix: string;
      /** Without prefix, e.g. 0417497106. */
      number: string;
      /** vatPrefix + number, e.g. BE0417497106: the form to store and to send to VIES. */
      normalized: string;
    }
  | {
      valid: false;
      reason: 'empty' | 'format' | 'checksum' | 'unsupported_country' | 'country_mismatch';
      message: string;
    };

type VatFailureReason = Extract<VatCheck, { valid: false }>['reason'];

// The longest EU VAT number is 14 characters; the rest of the allowance is for separators. The cap keeps
// pathological input (megabytes pasted into a form field) away from the regular expressions.
const MAX_INPUT_LENGTH = 64;

// Separators as they arrive from invoices, PDFs and spreadsheets: whitespace (including non-breaking), dots,
// commas, slashes, underscores, every dash width, soft hyphens and zero-width characters.
const SEPARATORS = /[\s.,_/\-\u00AD\u2010-\u2015\u2212\u00B7\u200B-\u200D\u2060\uFEFF]+/g;

// Only ASCII is upper-cased: String#toUpperCase would turn e.g. the ligature 'ﬀ' into 'FF' and let
// look-alike characters form a valid number.
const ASCII_LOWER = /[a-z]+/g;

const jsvatCountryByIso = new Map<string, Country>(
  countries.flatMap((country) => {
    const iso = country.codes[0];
    return iso !== undefined && isEuCountryCode(iso) ? [[iso, country] as const] : [];
  }),
);

export function normalizeVatNumber(input: string): string {
  if (typeof input !== 'string') return '';
  return input.replace(SEPARATORS, '').replace(ASCII_LOWER, (letters) => letters.toUpperCase());
}

/**
 * Offline check of an EU VAT number: format and check digits per member state. `expectedCountry` is the
 * customer's country (ISO alpha-2); when given, the number must belong to it, and a number typed without
 * its prefix is read as that country's.
 */
export function checkVatNumber(input: string, expectedCountry?: string): VatCheck {
  if (typeof input !== 'string') return failure('empty');
  if (input.length > MAX_INPUT_LENGTH) return failure('format', 'This VAT number is too long.');

  const normalized = normalizeVatNumber(input);
  if (normalized === '') return failure('empty');

  const expectedIso = expectedCountry ? toIsoCountryCode(expectedCountry) : undefined;
  const parts = splitPrefix(normalized, expectedIso);
  if (!parts) {
    return failure('format', 'Start the VAT number with its two-letter country code, for example BE0123456789.');
  }

  const iso = toIsoCountryCode(parts.prefix);
  const jsvatCountry = jsvatCountryByIso.get(iso);
  if (!isEuCountryCode(iso) || !jsvatCountry) return failure('unsupported_country');

  const { adjective, vatPrefix } = euVatCountries[iso];
  const number = canonicalNumber(iso, parts.number);
  const verdict = stricterVerdict(iso, number) ?? runJsvat(vatPrefix + number, jsvatCountry);
  if (verdict !== 'valid') return failure(verdict, messageFor(verdict, adjective));

  if (expectedIso !== undefined && expectedIso !== iso) {
    return failure('country_mismatch', mismatchMessage(adjective, expectedIso));
  }
  return { valid: true, countryCode: iso, vatPrefix, number, normalized: vatPrefix + number };
}

// Belgian numbers issued before 2007 had nine digits and are still written that way; they are the same
// enterprise number with a leading zero, and one stored form keeps duplicates and VIES look-ups consistent.
// The library only knows the ten-digit form, so the number is made canonical before it is checked.
function canonicalNumber(iso: EuCountryCode, number: string): string {
  return iso === 'BE' && /^\d{9}$/.test(number) ? `0${number}` : number;
}

// Rules jsvat-next is looser on than this check: Belgian enterprise numbers in the 0 range never continue
// with another 0, and Cypriot numbers start with 0-5 or 9. (The library does accept Belgian numbers in the
// new 1 range, which Belgium issues now that the 0 range is running out.)
function stricterVerdict(iso: EuCountryCode, number: string): 'format' | 'checksum' | undefined {
  if (iso === 'BE' && /^00\d{8}$/.test(number)) return 'checksum';
  if (iso === 'CY' && /^[678]/.test(number)) return 'format';
  return undefined;
}

function splitPrefix(normalized: string, expectedIso: string | undefined): { prefix: string; number: string } | null {
  if (/^[A-Z]{2}/.test(normalized)) return { prefix: normalized.slice(0, 2), number: normalized.slice(2) };
  // Buyers often leave the prefix off their own number; the country they chose tells us which it is.
  if (expectedIso !== undefined && isEuCountryCode(expectedIso)) {
    return { prefix: euVatCountries[expectedIso].vatPrefix, number: normalized };
  }
  return null;
}

function runJsvat(vat: string, country: Country): 'valid' | 'format' | 'checksum' {
  try {
    const result = checkVAT(vat, [country]);
    if (result.isValid) return 'valid';
    return result.isValidFormat ? 'checksum' : 'format';
  } catch {
    // A library bug must surface as a rejected number, never as a failed registration request.
    return 'format';
  }
}

function messageFor(reason: 'format' | 'checksum', adjective: string): string {
  return reason === 'format'
    ? `This is not a valid ${adjective} VAT number: it has the wrong length or characters.`
    : `This is not a valid ${adjective} VAT number: please check it for typos.`;
}

function mismatchMessage(adjective: string, expectedIso: string): string {
  const expectedName = isEuCountryCode(expectedIso) ? euVatCountries[expectedIso].name : expectedIso;
  return `This VAT number is ${adjective}, but the country you entered is ${expectedName}.`;
}

const defaultMessages: Record<VatFailureReason, string> = {
  empty: 'Enter a VAT number.',
  format: 'This is not a valid VAT number.',
  checksum: 'This is not a valid VAT number: please check it for typos.',
  unsupported_country: 'Only VAT numbers from EU member states can be used, starting with their country code (for example BE or NL).',
  country_mismatch: 'This VAT number belongs to a different country than the one you entered.',
};

function failure(reason: VatFailureReason, message = defaultMessages[reason]): VatCheck {
  return { valid: false, reason, message };
}
