import type { Metadata } from 'next';
import { CouponCreateForm } from '@/app/dashboard/[host]/(signed-in)/coupons/coupon-create-form';
import { CouponLoyaltyForm } from '@/app/dashboard/[host]/(signed-in)/coupons/coupon-loyalty-form';
import { CouponTable } from '@/app/dashboard/[host]/(signed-in)/coupons/coupon-table';
import { requireStaffPage } from '@/lib/auth/current-staff';
import { listCoupons } from '@/lib/coupons/manage-coupons';
import { getShop } from '@/lib/tenancy/current-shop';

export const metadata: Metadata = { title: 'Coupons & loyalty' };

type Props = { params: Promise<{ host: string }> };

export default async function CouponsPage({ params }: Props) {
  const { tenant } = await getShop((await params).host);
  const staff = await requireStaffPage(tenant.id);
  const rows = await listCoupons(tenant.id);
  return (
    <div className="space-y-8">
      <section aria-labelledby="coupons-heading" className="space-y-4">
        <div>
          <h1 id="coupons-heading" className="text-2xl font-bold">
            Coupons
          </h1>
          <p className="mt-1 max-w-prose text-sm text-slate-600">
            Buyers type a code at checkout. Retire a coupon to stop it; coupons are kept, so past orders still show what they used.
          </p>
        </div>
        {rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="coupons-empty">
            <p className="font-medium">No coupons yet. Create the first one below.</p>
          </div>
        ) : (
          <CouponTable rows={rows} currency={tenant.currency} />
        )}
      </section>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="new-coupon-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="new-coupon-heading" className="text-lg font-semibold">
            New coupon
          </h2>
          <div className="mt-4">
            <CouponCreateForm />
          </div>
        </section>
        <section aria-labelledby="loyalty-heading" className="h-fit rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="loyalty-heading" className="text-lg font-semibold">
            Loyalty points
          </h2>
          <p className="mt-1 text-sm text-slate-600">Buyers earn points when an order is paid and spend them at checkout.</p>
          <div className="mt-4">
            <CouponLoyaltyForm
              pointsPerEuro={tenant.loyaltyPointsPerEuro}
              pointValueCents={tenant.loyaltyPointValueCents}
              currency={tenant.currency}
              canEdit={staff.role === 'owner'}
            />
          </div>
        </section>
      </div>
    </div>
  );
}
