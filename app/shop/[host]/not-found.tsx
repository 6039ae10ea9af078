import Link from 'next/link';

/** A missing or hidden product inside a shop: shown in the shop's own layout. */
export default function ShopNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">404</p>
      <h1 className="mt-2 text-2xl font-bold">We could not find that page</h1>
      <p className="mt-2 text-slate-600">The product may no longer be available in this shop.</p>
      <Link href="/products" className="bg-brand text-brand-contrast mt-6 inline-block rounded-md px-4 py-2 font-semibold">
        Browse products
      </Link>
    </div>
  );
}
