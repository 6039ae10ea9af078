import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { RegisterForm } from '@/app/shop/[host]/account/register/register-form';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { countryOptions } from '@/lib/registration/country-options';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Create an account' };

type Props = { params: Promise<{ host: string }> };

/** What happens after signing up, in this shop's own terms. */
function flowText(t: { approvalRequired: boolean; autoApprovalEnabled: boolean; name: string }): string {
  if (!t.approvalRequired) return 'Your account is ready as soon as you sign up.';
  if (t.autoApprovalEnabled) return `Businesses that meet ${t.name}’s conditions can order right away; other accounts are reviewed by hand.`;
  return `${t.name} reviews every new account. You can browse right away and order once your account is approved.`;
}

export default async function RegisterPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  if (await getCurrentCustomer(tenant.id)) redirect('/account');
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">Create your account at {tenant.name}</h1>
      <p className="mt-2 text-slate-600">{flowText(tenant)}</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <RegisterForm vatRequired={tenant.vatNumberRequired} countries={countryOptions} defaultCountry={tenant.countryCode} />
      </div>
    </div>
  );
}
