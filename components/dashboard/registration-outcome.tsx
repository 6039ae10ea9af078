'use client';

import { useState } from 'react';
import { countryOptions } from '@/lib/registration/country-options';
import { decideRegistration, type ReviewReason } from '@/lib/registration/decide-registration';
import { euVatCountries, isEuCountryCode } from '@/lib/registration/eu-countries';
import type { RegistrationSettings } from '@/lib/registration/registration-settings';

const waitingFor: Record<ReviewReason, string> = {
  manual_approval_required: 'waiting for your approval',
  vat_not_valid: 'waiting for your approval (no confirmed VAT number)',
  country_not_allowed: 'waiting for your approval (its country is not on your list)',
  vat_registry_unavailable: 'waiting for your approval (the EU VAT registry could not be reached)',
};

/**
 * What a business from `countryCode` gets when it signs up now, in the owner's words. It runs the same
 * decision as registration itself, so the explanation cannot drift from what really happens.
 */
export function describeRegistrationOutcome(settings: RegistrationSettings, countryCode: string, withVat: boolean): string {
  if (!withVat && settings.vatNumberRequired) return 'unable to sign up: a VAT number is required';
  const decision = decideRegistration({
    settings,
    countryCode,
    vat: withVat ? { offline: 'valid', registry: 'not_checked', countryCode } : { offline: 'missing', registry: 'not_checked' },
    now: new Date(0),
  });
  if (decision.status === 'pending_approval') return waitingFor[decision.reviewReason ?? 'manual_approval_required'];
  if (decision.approvalType === 'open') return 'active at once, without review';
  if (!decision.approvalExpiresAt) return 'approved automatically, with no end date';
  const days = Math.round(decision.approvalExpiresAt.getTime() / 86_400_000);
  return `approved for ${days} ${days === 1 ? 'day' : 'days'}, then reviewed by you`;
}

/** "A Belgian business", "An Austrian business". */
function businessFrom(countryCode: string): string {
  const adjective = isEuCountryCode(countryCode) ? euVatCountries[countryCode].adjective : null;
  return adjective ? `${/^[AEIOU]/.test(adjective) ? 'An' : 'A'} ${adjective} business` : 'A business';
}

/** The outcome for a country the owner picks, with and without a VAT number, as the form stands now. */
export function RegistrationOutcome({ settings, defaultCountry }: { settings: RegistrationSettings | null; defaultCountry: string }) {
  const [country, setCountry] = useState<string>(isEuCountryCode(defaultCountry) ? defaultCountry : 'BE');
  return (
    <div className="space-y-3 text-sm" aria-live="polite">
      <div>
        <label htmlFor="outcome-country" className="mb-1 block font-medium">
          Try a country
        </label>
        <select
          id="outcome-country"
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
        >
          {countryOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {settings ? (
        <ul className="space-y-2" data-testid="registration-outcome">
          <li className="rounded-md bg-slate-50 px-3 py-2">
            {businessFrom(country)} with a valid VAT number, registering now, will be: <strong>{describeRegistrationOutcome(settings, country, true)}</strong>
          </li>
          <li className="rounded-md bg-slate-50 px-3 py-2">
            Without a VAT number: <strong>{describeRegistrationOutcome(settings, country, false)}</strong>
          </li>
        </ul>
      ) : (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">Complete the highlighted settings to see what a new registrant gets.</p>
      )}
    </div>
  );
}
