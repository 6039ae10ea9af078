import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Storefleet — white-label tyre and wheel webshops' };

const features = [
  ['Your own shop, your own brand', 'Subdomain or your own domain, your logo and colours, your customers.'],
  ['One wholesale catalog', 'Tyres and wheels with sizes, EU labels and fitment, always in stock data.'],
  ['Your prices, your rules', 'Price overrides with validity windows, visible brands and categories per shop.'],
  ['Orders that do not get lost', 'Payment, fulfilment and notifications run as a durable workflow.'],
];

export default function PlatformHome() {
  return (
    <main className="mx-auto max-w-5xl px-6 py-16">
      <p className="text-sm font-semibold tracking-wide text-amber-600 uppercase">Storefleet</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight sm:text-5xl">White-label tyre and wheel webshops</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600">
        One platform, many shops: every reseller gets a branded storefront over the shared wholesale catalog, with its own customers, prices and orders.
      </p>
      <ul className="mt-12 grid gap-6 sm:grid-cols-2">
        {features.map(([title, text]) => (
          <li key={title} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-slate-600">{text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
