import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { asc } from 'drizzle-orm';
import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';
import { tenants } from '@/db/schema';

export const metadata: Metadata = { title: 'Storefleet console', robots: { index: false } };

/**
 * The super-admin console: for now a read-only overview of tenants. It has no staff sign-in yet, so it
 * exists only in development; a production build answers 404 rather than list the platform's shops.
 */
export default async function AdminHome() {
  await connection();
  if (process.env.NODE_ENV === 'production') notFound();
  const { db } = await getRegistry().get(DEFAULT_CONNECTION);
  const rows = await db.select().from(tenants).orderBy(asc(tenants.name));
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold">Storefleet console</h1>
      <p className="mt-1 text-slate-600">{rows.length} tenants on this platform. Development view: staff sign-in is not in place yet.</p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Shop</th>
              <th className="px-4 py-2 font-medium">Subdomain</th>
              <th className="px-4 py-2 font-medium">Custom domain</th>
              <th className="px-4 py-2 font-medium">Plan</th>
              <th className="px-4 py-2 font-medium">Database</th>
              <th className="px-4 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-medium">{t.name}</td>
                <td className="px-4 py-2 font-mono">{t.subdomain}</td>
                <td className="px-4 py-2 font-mono">{t.customDomain ?? '—'}</td>
                <td className="px-4 py-2 capitalize">{t.plan}</td>
                <td className="px-4 py-2">{t.dedicatedDatabase ? `dedicated (${t.dedicatedDatabase})` : 'shared'}</td>
                <td className="px-4 py-2">{t.isActive ? 'Active' : 'Inactive'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
