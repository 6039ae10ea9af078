import { initials, readableTextOn, safeColor } from '@/lib/branding/theme';

export interface BrandingDraft {
  name: string;
  tagline: string;
  primaryColor: string;
  accentColor: string;
  /** The saved logo, or the file picked but not uploaded yet; null shows the initials. */
  logoUrl: string | null;
}

function Monogram({ name, background, color, size = 36 }: { name: string; background: string; color: string; size?: number }) {
  return (
    <span
      aria-hidden
      style={{ width: size, height: size, backgroundColor: background, color }}
      className="grid shrink-0 place-items-center rounded-md text-sm font-bold"
    >
      {initials(name) || '?'}
    </span>
  );
}

/**
 * The storefront header and an email's header as they will look with these choices, drawn with the same
 * colour rules as the real ones (black or white text, whichever reads better), before anything is saved.
 */
export function BrandingPreview({ draft }: { draft: BrandingDraft }) {
  const primary = safeColor(draft.primaryColor, '#1f2937');
  const accent = safeColor(draft.accentColor, '#f59e0b');
  const onPrimary = readableTextOn(primary);
  const onAccent = readableTextOn(accent);
  const name = draft.name.trim() || 'Your shop';
  return (
    <div className="space-y-5" data-testid="branding-preview">
      <figure>
        <figcaption className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">Storefront header</figcaption>
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-slate-50 shadow-sm">
          <div
            style={{ backgroundColor: primary, color: onPrimary }}
            className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3"
            data-testid="preview-header"
          >
            <span className="flex min-w-0 items-center gap-2 font-semibold">
              {draft.logoUrl ? (
                // A plain <img>: a preview of the shop's own upload
                <img src={draft.logoUrl} alt="" width={36} height={36} className="size-9 shrink-0 rounded-[8px] object-contain ring-2 ring-white/80" />
              ) : (
                <Monogram name={name} background={accent} color={onAccent} />
              )}
              <span className="truncate" data-testid="preview-name">
                {name}
              </span>
            </span>
            <span className="text-xs font-medium opacity-90">Tyres · Wheels</span>
            <span className="ml-auto flex gap-1.5">
              <span className="hidden h-7 w-28 rounded bg-white sm:block" />
              <span style={{ backgroundColor: accent, color: onAccent }} className="rounded px-2.5 py-1 text-xs font-semibold">
                Search
              </span>
            </span>
          </div>
          <div className="px-4 py-4">
            <p className="text-base font-bold text-slate-900">{name}</p>
            <p className="text-sm text-slate-600">{draft.tagline.trim() || <span className="italic">No tagline</span>}</p>
          </div>
        </div>
      </figure>
      <figure>
        <figcaption className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">Email header</figcaption>
        <div className="rounded-lg bg-slate-100 p-3" style={{ fontFamily: 'Helvetica, Arial, sans-serif' }}>
          <div style={{ backgroundColor: primary }} className="flex items-center gap-3 rounded-t-lg px-4 py-3" data-testid="preview-email-header">
            {draft.logoUrl ? (
              // A plain <img>: a preview of the shop's own upload
              <img src={draft.logoUrl} alt="" height={36} className="h-9 w-auto max-w-[8rem] object-contain" />
            ) : (
              <>
                <Monogram name={name} background={onPrimary} color={primary} />
                <span style={{ color: onPrimary }} className="truncate text-base font-bold">
                  {name}
                </span>
              </>
            )}
          </div>
          <div className="rounded-b-lg bg-white px-4 py-3 text-sm text-slate-900">
            <p>Hello Sam,</p>
            <p className="mt-2">Your account at {name} is approved.</p>
            <span style={{ backgroundColor: primary, color: onPrimary }} className="mt-3 inline-block rounded-md px-3 py-1.5 text-xs font-bold">
              Sign in
            </span>
          </div>
        </div>
      </figure>
    </div>
  );
}
