/** Names the tenants a cross-tenant list could not reach, so a gap in the list is never silent. */
export function UnavailableTenants({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Not reachable right now, so not listed: {names.join(', ')}.
    </p>
  );
}
