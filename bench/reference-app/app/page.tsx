/**
 * The static reference: prerendered at build time and served as a file, about 9 KB of HTML like the
 * platform's landing page. Its req/s is the ceiling of a cache hit served by `next start`.
 */
const SECTIONS = Array.from({ length: 8 }, (_, i) => ({
  title: `Section ${i + 1}: tyres and wheels from one wholesale catalog`,
  text: 'Every reseller gets a branded storefront over the shared catalog, with its own customers, prices and orders.',
}));

export default function StaticReferencePage() {
  return (
    <main data-reference="static">
      <h1>White-label tyre and wheel webshops</h1>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.title}>
            <h2>{s.title}</h2>
            <p>{s.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
