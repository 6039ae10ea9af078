'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { removeLogoAction, uploadLogoAction } from '@/app/dashboard/[host]/(signed-in)/branding/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { MAX_LOGO_BYTES } from '@/lib/branding/branding-rules';
import { idleFormState } from '@/lib/forms/form-state';

type Props = {
  hasLogo: boolean;
  /** The picked file as an object URL for the preview, or null when none is waiting. */
  onPick: (previewUrl: string | null) => void;
};

const secondary = 'rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50 disabled:opacity-60';

/** Upload (PNG, JPEG or WebP up to 512 KB; the server checks the bytes) and removal of the shop's logo. */
export function BrandingLogoForm({ hasLogo, onPick }: Props) {
  const [uploadState, upload] = useActionState(uploadLogoAction, idleFormState);
  const [removeState, remove] = useActionState(removeLogoAction, idleFormState);
  const [tooBig, setTooBig] = useState(false);
  // The message shown is the one of the form used last.
  const [last, setLast] = useState<'upload' | 'remove'>('upload');
  const objectUrl = useRef<string | null>(null);

  const pick = (file: File | undefined) => {
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = file && file.size <= MAX_LOGO_BYTES ? URL.createObjectURL(file) : null;
    setTooBig(Boolean(file && file.size > MAX_LOGO_BYTES));
    onPick(objectUrl.current);
  };

  // Once the upload is stored, the preview shows the saved logo again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when an action finishes, not when `pick` changes
  useEffect(() => {
    if (uploadState.status === 'success' || removeState.status === 'success') pick(undefined);
  }, [uploadState, removeState]);

  const error = tooBig ? 'The logo is larger than 512 KB. Please choose a smaller image.' : last === 'upload' ? uploadState.fieldErrors?.logo : undefined;
  const shown = error ? { ...uploadState, status: 'error' as const, message: error } : last === 'upload' ? uploadState : removeState;
  return (
    <div className="space-y-3">
      <FormMessage state={shown} />
      <form action={upload} onSubmit={(e) => (tooBig ? e.preventDefault() : setLast('upload'))} className="space-y-3">
        <div>
          <label htmlFor="field-logo" className="mb-1 block text-sm font-medium">
            Logo image
          </label>
          <input
            id="field-logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            onChange={(e) => pick(e.target.files?.[0])}
            aria-invalid={error ? true : undefined}
            aria-describedby="field-logo-hint"
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-900 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white"
          />
          <p id="field-logo-hint" className="mt-1 text-xs text-slate-600">
            PNG, JPEG or WebP, at most 512 KB. A square image of at least 80 × 80 pixels looks best. SVG is not accepted.
          </p>
        </div>
        <SubmitButton pendingLabel="Uploading…" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
          Upload logo
        </SubmitButton>
      </form>
      {hasLogo ? (
        <form action={remove} onSubmit={() => setLast('remove')}>
          <SubmitButton pendingLabel="Removing…" className={secondary}>
            Remove logo
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
