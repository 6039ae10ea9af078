import type { Metadata } from 'next';

export const metadata: Metadata = { title: { default: 'Storefleet console', template: '%s · Storefleet console' }, robots: { index: false, follow: false } };

/** The platform operator's console on `admin.<root>`: no shop's colours, no storefront chrome. */
export default function AdminRootLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-dvh bg-slate-50 text-slate-900">{children}</div>;
}
