import { clsx } from 'clsx';

const tones = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
  danger: 'border-red-200 bg-red-50 text-red-900',
} as const;

export function StatusBanner({ title, body, tone, testId }: { title: string; body: string; tone: keyof typeof tones; testId?: string }) {
  return (
    <section role="status" data-testid={testId} className={clsx('rounded-lg border px-4 py-3', tones[tone])}>
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{body}</p>
    </section>
  );
}
