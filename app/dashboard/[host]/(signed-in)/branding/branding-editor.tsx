'use client';

import { useActionState, useState, useTransition } from 'react';
import { saveBrandingAction } from '@/app/dashboard/[host]/(signed-in)/branding/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { colorPairProblems, MAX_SHOP_NAME, MAX_TAGLINE } from '@/lib/branding/branding-rules';
import { idleFormState } from '@/lib/forms/form-state';
import { BrandingColorField } from '@/components/dashboard/branding-color-field';
import { BrandingLogoForm } from '@/app/dashboard/[host]/(signed-in)/branding/branding-logo-form';
import { BrandingPreview } from '@/components/dashboard/branding-preview';

export interface SavedBranding {
  name: string;
  tagline: string | null;
  primaryColor: string;
  accentColor: string;
  logoUrl: string | null;
}

const card = 'rounded-lg border border-slate-200 bg-white p-5';

/** The branding forms beside a preview that follows every keystroke and colour pick. */
export function BrandingEditor({ saved }: { saved: SavedBranding }) {
  const [state, action] = useActionState(saveBrandingAction, idleFormState);
  const [pending, startTransition] = useTransition();
  const [name, setName] = useState(saved.name);
  const [tagline, setTagline] = useState(saved.tagline ?? '');
  const [primaryColor, setPrimary] = useState(saved.primaryColor);
  const [accentColor, setAccent] = useState(saved.accentColor);
  const [pickedLogo, setPickedLogo] = useState<string | null>(null);

  // Checked as the owner picks, with the rule the server applies on save.
  const live = Object.fromEntries(colorPairProblems(primaryColor, accentColor).map((p) => [p.field, p.message]));
  // A server error stays only while the field still holds the value it was about.
  const current: Record<string, string> = { name, tagline, primaryColor, accentColor };
  const server = Object.fromEntries(Object.entries(state.fieldErrors ?? {}).filter(([f]) => state.values?.[f] === current[f]));
  const errors: Record<string, string | undefined> = { ...server, ...live };
  return (
    // On a phone the preview sits right under the fields it follows; from xl it stays beside both cards.
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <section aria-labelledby="look-heading" className={`${card} xl:col-start-1`}>
        <h2 id="look-heading" className="font-semibold">
          Name and colours
        </h2>
        <form
          action={action}
          className="mt-4 space-y-4"
          onSubmit={(e) => {
            // Submitted by hand so that React does not reset the controlled colour fields afterwards.
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            startTransition(() => action(data));
          }}
          onInput={(e) => {
            const target = e.target as HTMLInputElement;
            if (target.name === 'name') setName(target.value);
            if (target.name === 'tagline') setTagline(target.value);
          }}
        >
          <FormMessage state={state} />
          <Field
            name="name"
            label="Shop name"
            required
            maxLength={MAX_SHOP_NAME}
            defaultValue={name}
            error={errors.name}
            hint={`Shown in the header, the browser tab and every email. Up to ${MAX_SHOP_NAME} characters.`}
          />
          <Field
            name="tagline"
            label="Tagline"
            maxLength={MAX_TAGLINE}
            defaultValue={tagline}
            error={errors.tagline}
            hint={`One line under the name on your home page, e.g. “Premium tyres for Benelux garages”. Optional, up to ${MAX_TAGLINE} characters.`}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <BrandingColorField
              name="primaryColor"
              label="Main colour"
              value={primaryColor}
              onChange={setPrimary}
              error={errors.primaryColor}
              hint="The header bar, email headers and buttons in emails."
            />
            <BrandingColorField
              name="accentColor"
              label="Accent colour"
              value={accentColor}
              onChange={setAccent}
              error={errors.accentColor}
              hint="Buttons in the shop, such as Search and Add to cart."
            />
          </div>
          <button
            type="submit"
            disabled={pending}
            aria-disabled={pending}
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
          >
            {pending ? 'Saving…' : 'Save name and colours'}
          </button>
        </form>
      </section>
      <section aria-labelledby="preview-heading" className={`${card} xl:sticky xl:top-6 xl:col-start-2 xl:row-span-2 xl:row-start-1`}>
        <h2 id="preview-heading" className="font-semibold">
          Preview
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">How your shop and its emails will look. Nothing changes for customers until you save.</p>
        <BrandingPreview draft={{ name, tagline, primaryColor, accentColor, logoUrl: pickedLogo ?? saved.logoUrl }} />
      </section>
      <section aria-labelledby="logo-heading" className={`${card} xl:col-start-1`}>
        <h2 id="logo-heading" className="font-semibold">
          Logo
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {saved.logoUrl ? 'Your logo appears in the header and in emails.' : 'No logo yet: your shop shows its initials in the accent colour.'}
        </p>
        <div className="mt-4">
          <BrandingLogoForm hasLogo={Boolean(saved.logoUrl)} onPick={setPickedLogo} />
        </div>
      </section>
    </div>
  );
}
