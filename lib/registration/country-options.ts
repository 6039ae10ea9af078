import { euVatCountries } from './eu-countries';

/** Countries for address and registration forms, sorted by name. */
export const countryOptions: { value: string; label: string }[] = Object.entries(euVatCountries)
  .map(([value, c]) => ({ value, label: c.name.replace(/^the /, '') }))
  .sort((a, b) => a.label.localeCompare(b.label));
