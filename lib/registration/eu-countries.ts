/**
 * EU member states as far as VAT is concerned. Keyed by ISO 3166 alpha-2 (what customers and tenants store);
 * `vatPrefix` differs only for Greece, whose VAT numbers start with EL although its ISO code is GR.
 */
export type EuVatCountry = {
  name: string;
  adjective: string;
  vatPrefix: string;
};

export const euVatCountries = {
  AT: { name: 'Austria', adjective: 'Austrian', vatPrefix: 'AT' },
  BE: { name: 'Belgium', adjective: 'Belgian', vatPrefix: 'BE' },
  BG: { name: 'Bulgaria', adjective: 'Bulgarian', vatPrefix: 'BG' },
  CY: { name: 'Cyprus', adjective: 'Cypriot', vatPrefix: 'CY' },
  CZ: { name: 'Czechia', adjective: 'Czech', vatPrefix: 'CZ' },
  DE: { name: 'Germany', adjective: 'German', vatPrefix: 'DE' },
  DK: { name: 'Denmark', adjective: 'Danish', vatPrefix: 'DK' },
  EE: { name: 'Estonia', adjective: 'Estonian', vatPrefix: 'EE' },
  ES: { name: 'Spain', adjective: 'Spanish', vatPrefix: 'ES' },
  FI: { name: 'Finland', adjective: 'Finnish', vatPrefix: 'FI' },
  FR: { name: 'France', adjective: 'French', vatPrefix: 'FR' },
  GR: { name: 'Greece', adjective: 'Greek', vatPrefix: 'EL' },
  HR: { name: 'Croatia', adjective: 'Croatian', vatPrefix: 'HR' },
  HU: { name: 'Hungary', adjective: 'Hungarian', vatPrefix: 'HU' },
  IE: { name: 'Ireland', adjective: 'Irish', vatPrefix: 'IE' },
  IT: { name: 'Italy', adjective: 'Italian', vatPrefix: 'IT' },
  LT: { name: 'Lithuania', adjective: 'Lithuanian', vatPrefix: 'LT' },
  LU: { name: 'Luxembourg', adjective: 'Luxembourgish', vatPrefix: 'LU' },
  LV: { name: 'Latvia', adjective: 'Latvian', vatPrefix: 'LV' },
  MT: { name: 'Malta', adjective: 'Maltese', vatPrefix: 'MT' },
  NL: { name: 'the Netherlands', adjective: 'Dutch', vatPrefix: 'NL' },
  PL: { name: 'Poland', adjective: 'Polish', vatPrefix: 'PL' },
  PT: { name: 'Portugal', adjective: 'Portuguese', vatPrefix: 'PT' },
  RO: { name: 'Romania', adjective: 'Romanian', vatPrefix: 'RO' },
  SE: { name: 'Sweden', adjective: 'Swedish', vatPrefix: 'SE' },
  SI: { name: 'Slovenia', adjective: 'Slovenian', vatPrefix: 'SI' },
  SK: { name: 'Slovakia', adjective: 'Slovak', vatPrefix: 'SK' },
} as const satisfies Record<string, EuVatCountry>;

export type EuCountryCode = keyof typeof euVatCountries;

export const euCountryCodes = Object.keys(euVatCountries) as EuCountryCode[];

/** EEA members outside the EU: a shop may want to auto-approve them even though we cannot check their VAT. */
export const eeaOnlyCountryCodes = ['IS', 'LI', 'NO'] as const;

export function isEuCountryCode(code: string): code is EuCountryCode {
  return Object.hasOwn(euVatCountries, code);
}

/**
 * Maps a country code as people write it to ISO alpha-2: upper-case, and EL (the Greek VAT prefix, which
 * buyers and tax documents use interchangeably with GR) becomes GR.
 */
export function toIsoCountryCode(code: string): string {
  const upper = code.trim().toUpperCase();
  return upper === 'EL' ? 'GR' : upper;
}
