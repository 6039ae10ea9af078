import { formatDateTime } from '@/lib/time/format-date-time';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AddAddressForm, ProfileForm } from '@/app/shop/[host]/account/profile-forms';
import { StatusBanner } from '@/components/account/status-banner';
import { PasswordChangeForm } from '@/components/forms/password-change-form';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { loadAccountOverview } from '@/lib/customers/account-overview';
import { loyaltyEnabled, loyaltyRatesOf } from '@/lib/loyalty/loyalty';
import { formatMoney } from '@/lib/pricing/resolve-price';
import { countryOptions } from '@/lib/registration/country-options';
import { customerStatusMessage, effectiveCustomerStatus } from '@/lib/registration/decide-registration';
import { getShop } from '@/lib/tenancy/current-shop';
import { changePasswordAction, deleteAddressAction, signOutAction } from './actions';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const loyaltyEarnText = (perEuro: number) => (perEuro === 1 ? 'one point' : `${perEuro} points`);

export default async function AccountPage({ params, searchParams }: Props) {
  const { tenant } = await getShop((await params).host);
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/account');
  const { addresses, loyaltyPoints: points } = await loadAccountOverview(tenant.id, customer.id);
  const loyalty = loyaltyRatesOf(tenant);
  const status = effectiveCustomerStatus(customer, new Date());
  const message = customerStatusMessage(status, tenant.name);
  const welcome = (await searchParams).welcome;
  const countryName = (code: string | null) => countryOptions.find((c) => c.value === code)?.label ?? code ?? '—';
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{welcome ? `Welcome, ${customer.name}` : 'Your account'}</h1>
        <div className="flex items-center gap-3">
          <Link href="/account/orders" className="text-sm font-semibold underline">
            Your orders
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium">
              Sign out
            </button>
          </form>
        </div>
      </div>
      <StatusBanner {...message} testId="account-status" />
      {status === 'active' && customer.approvalExpiresAt ? (
        <p className="text-sm text-slate-700" data-testid="approval-expiry">
          Your account was approved automatically until {formatDateTime(customer.approvalExpiresAt, tenant.timeZone, 'long-date')}. {tenant.name} will confirm
          it before then.
        </p>
      ) : null}

      {loyaltyEnabled(loyalty) ? (
        <p className="text-sm text-slate-700" data-testid="loyalty-balance">
          Loyalty points: <strong>{points}</strong>
          {loyalty.pointsPerEuro > 0 ? ` — you earn ${loyaltyEarnText(loyalty.pointsPerEuro)} per euro on paid orders` : ''}
          {loyalty.pointValueCents > 0
            ? `; each point is worth ${formatMoney(loyalty.pointValueCents, tenant.currency)} at checkout.`
            : '; points cannot be spent at the moment.'}
        </p>
      ) : null}

      <section aria-labelledby="profile-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="profile-heading" className="text-lg font-semibold">
          Your details
        </h2>
        <p className="mt-1 text-sm text-slate-600">Signed in as {customer.email}</p>
        <div className="mt-4">
          <ProfileForm name={customer.name} phone={customer.phone} />
        </div>
      </section>

      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">Changing it signs you out everywhere, on this device too: sign in again with the new password.</p>
        <PasswordChangeForm action={changePasswordAction} minLength={MIN_PASSWORD_LENGTH} />
      </section>

      <section aria-labelledby="company-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="company-heading" className="text-lg font-semibold">
          Company
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Company name</dt>
            <dd className="font-medium">{customer.companyName ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">VAT number</dt>
            <dd className="font-mono font-medium">{customer.vatNumber ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Country</dt>
            <dd className="font-medium">{countryName(customer.countryCode)}</dd>
          </div>
        </dl>
        <p className="mt-3 text-xs text-slate-600">
          To change your company or VAT number, reply to any email from {tenant.name}: it affects your account’s approval.
        </p>
      </section>

      <section aria-labelledby="addresses-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="addresses-heading" className="text-lg font-semibold">
          Delivery addresses
        </h2>
        {addresses.length === 0 ? <p className="mt-2 text-sm text-slate-600">No addresses yet. Add one for faster checkout.</p> : null}
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {addresses.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-semibold">
                {a.label ?? a.recipient}
                {a.isDefault ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium">Default</span> : null}
              </p>
              <address className="mt-1 text-slate-700 not-italic">
                {a.recipient}
                <br />
                {a.line1}
                <br />
                {a.line2 ? (
                  <>
                    {a.line2}
                    <br />
                  </>
                ) : null}
                {a.postalCode} {a.city}
                <br />
                {countryName(a.countryCode)}
              </address>
              <form action={deleteAddressAction} className="mt-2">
                <input type="hidden" name="addressId" value={a.id} />
                <button type="submit" className="text-sm text-red-700 underline">
                  Remove<span className="sr-only"> {a.label ?? a.line1}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
        <details className="mt-4" open={addresses.length === 0}>
          <summary className="cursor-pointer text-sm font-semibold">Add an address</summary>
          <div className="mt-4">
            <AddAddressForm countries={countryOptions} defaultCountry={customer.countryCode ?? tenant.countryCode} />
          </div>
        </details>
      </section>
    </div>
  );
}
