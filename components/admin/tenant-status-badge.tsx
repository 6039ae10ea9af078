import { clsx } from 'clsx';

export function TenantStatusBadge({ active }: { active: boolean }) {
  return (
    <span
      className={clsx(
        'inline-block rounded-full px-2 py-0.5 text-xs font-semibold',
        active ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700',
      )}
    >
      {active ? 'Active' : 'Inactive'}
    </span>
  );
}
