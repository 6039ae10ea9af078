/** The "Tenant" filter of the console's cross-tenant lists; empty means all tenants. */
export function TenantSelect({ id, tenants, value }: { id: string; tenants: { id: string; name: string }[]; value?: string }) {
  return (
    <>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Tenant
      </label>
      <select id={id} name="tenant" defaultValue={value ?? ''} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm">
        <option value="">All tenants</option>
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </>
  );
}
