import postgres from 'postgres';

/**
 * The dynamic reference: rendered on every request, one 24-row query through postgres.js (a page of
 * articles) and nothing else. Its req/s is the ceiling of a page that cannot come from a cache.
 */
export const dynamic = 'force-dynamic';

type Sql = ReturnType<typeof postgres>;
const holder = globalThis as typeof globalThis & { referenceSql?: Sql };

// One pool per process, opened on the first request (the build evaluates this module without a database),
// as large as the storefront's.
function database(): Sql {
  holder.referenceSql ??= postgres(process.env.DATABASE_URL ?? '', { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return holder.referenceSql;
}

export default async function DynamicReferencePage() {
  const from = Math.floor(Math.random() * 90_000);
  const rows = await database()<{ id: number; slug: string; name: string }[]>`
    select id, slug, name from articles where id > ${from} order by id limit 24`;
  return (
    <main data-reference="dynamic" data-rows={rows.length}>
      <h1>Articles</h1>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            <a href={`/products/${r.slug}`}>{r.name}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
