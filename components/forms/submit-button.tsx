'use client';

import { useFormStatus } from 'react-dom';

export function SubmitButton({ children, pendingLabel, className }: { children: React.ReactNode; pendingLabel?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={className ?? 'bg-brand text-brand-contrast w-full rounded-md px-4 py-2.5 font-semibold disabled:opacity-60'}
    >
      {pending ? (pendingLabel ?? 'Please wait…') : children}
    </button>
  );
}
