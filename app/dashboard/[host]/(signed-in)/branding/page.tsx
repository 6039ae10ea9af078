import type { Metadata } from 'next';
import { BrandingEditor } from '@/app/dashboard/[host]/(signed-in)/branding/branding-editor';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { getShop } from '@/lib/tenancy/current-shop';
import { OwnerOnlyNotice } from '@/components/dashboard/registration-owner-notice';

export const metadata: Metadata = { title: 'Branding' };

type Props = { params: Promise<{ host: string }> };

export default async function BrandingPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const staff = await requireStaffPage(tenant.id);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Branding</h1>
        <p className="mt-1 text-sm text-slate-600">Your shop’s name, colours and logo, on every page of the shop and in every email it sends.</p>
      </div>
      {staff.role === 'owner' ? (
        <BrandingEditor
          saved={{ name: tenant.name, tagline: tenant.tagline, primaryColor: tenant.primaryColor, accentColor: tenant.accentColor, logoUrl: tenant.logoUrl }}
        />
      ) : (
        <OwnerOnlyNotice what="the shop’s branding" />
      )}
    </div>
  );
}
