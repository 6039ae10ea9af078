'use client';

import { useActionState, useState } from 'react';
import { saveArticleAction } from '@/app/admin/(signed-in)/catalog/actions';
import { Field, FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ArticleInput } from '@/lib/catalog/article-input';
import { checkedAfter, idleFormState } from '@/lib/forms/form-state';
import { adminButton } from '@/components/admin/styles';

export interface ArticleFormOptions {
  brands: readonly { slug: string; name: string }[];
  categories: readonly { slug: string; name: string; kind: 'tyre' | 'wheel' }[];
  vehicleBrands: readonly { slug: string; name: string }[];
}

const selectClass = (error?: string) =>
  `w-full rounded-md border bg-white px-3 py-2 text-base sm:text-sm ${error ? 'border-red-600 ring-1 ring-red-600' : 'border-slate-300'}`;

/**
 * One wholesale article. The category decides whether tyre or wheel fields apply, so only those are
 * shown; the server checks the same rule, so a hidden field typed earlier cannot sneak in.
 */
export function ArticleForm({ articleId, initial, options }: { articleId?: number; initial: Required<ArticleInput>; options: ArticleFormOptions }) {
  const [state, action] = useActionState(saveArticleAction, idleFormState);
  const v = { ...initial, ...(state.values ?? {}) } as Record<string, string>;
  const e = state.fieldErrors ?? {};
  const [category, setCategory] = useState(v.category ?? '');
  const kind = options.categories.find((c) => c.slug === category)?.kind;
  const chosenMakes = new Set((v.vehicleMakes ?? '').split('|'));
  const select = (
    name: 'brand' | 'category',
    label: string,
    items: readonly { slug: string; name: string; kind?: string }[],
    onChange?: (value: string) => void,
  ) => (
    <div>
      <label htmlFor={`field-${name}`} className="mb-1 block text-sm font-medium">
        {label}
        <span aria-hidden className="text-red-700">
          {' '}
          *
        </span>
      </label>
      <select
        key={v[name] ?? ''}
        id={`field-${name}`}
        name={name}
        required
        defaultValue={v[name] ?? ''}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        aria-invalid={e[name] ? true : undefined}
        aria-describedby={e[name] ? `field-${name}-error` : undefined}
        className={selectClass(e[name])}
      >
        <option value="" disabled>
          Choose…
        </option>
        {items.map((item) => (
          <option key={item.slug} value={item.slug}>
            {item.name}
          </option>
        ))}
      </select>
      {e[name] ? (
        <p id={`field-${name}-error`} className="mt-1 text-sm text-red-700">
          {e[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <form action={action} className="space-y-6" noValidate>
      <FormMessage state={state} />
      {articleId ? <input type="hidden" name="articleId" value={articleId} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="sku" label="SKU" required defaultValue={v.sku} error={e.sku} maxLength={40} hint="The key of the catalog import: keep it stable." />
        <div className="sm:col-span-2">
          <Field name="name" label="Name" required defaultValue={v.name} error={e.name} maxLength={160} />
        </div>
        {select('brand', 'Brand', options.brands)}
        {select('category', 'Category', options.categories, setCategory)}
        <Field name="basePrice" label="Base price (€, excl. VAT)" required defaultValue={v.basePrice} error={e.basePrice} inputMode="decimal" maxLength={12} />
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Size</legend>
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Field
            name="width"
            label={kind === 'wheel' ? 'Width (inches, e.g. 7.5)' : 'Width (mm)'}
            required
            defaultValue={v.width}
            error={e.width}
            inputMode="decimal"
            maxLength={5}
          />
          {kind !== 'wheel' ? (
            <Field name="aspectRatio" label="Aspect ratio (%)" required defaultValue={v.aspectRatio} error={e.aspectRatio} inputMode="numeric" maxLength={3} />
          ) : null}
          <Field name="rimDiameter" label="Rim diameter (″)" required defaultValue={v.rimDiameter} error={e.rimDiameter} inputMode="numeric" maxLength={2} />
          <Field name="stock" label="Stock" required defaultValue={v.stock} error={e.stock} inputMode="numeric" maxLength={7} />
        </div>
      </fieldset>

      {kind === 'wheel' ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">Wheel</legend>
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Field name="boltPattern" label="Bolt pattern" defaultValue={v.boltPattern} error={e.boltPattern} maxLength={10} hint="e.g. 5x112" />
            <Field name="offsetMm" label="Offset (ET, mm)" defaultValue={v.offsetMm} error={e.offsetMm} inputMode="numeric" maxLength={4} />
          </div>
        </fieldset>
      ) : (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">Tyre</legend>
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
            <Field name="loadIndex" label="Load index" defaultValue={v.loadIndex} error={e.loadIndex} inputMode="numeric" maxLength={3} />
            <Field name="speedRating" label="Speed rating" defaultValue={v.speedRating} error={e.speedRating} maxLength={1} />
            <Field name="euFuelClass" label="EU fuel class" defaultValue={v.euFuelClass} error={e.euFuelClass} maxLength={1} />
            <Field name="euWetGripClass" label="EU wet grip" defaultValue={v.euWetGripClass} error={e.euWetGripClass} maxLength={1} />
            <Field name="euNoiseDb" label="Noise (dB)" defaultValue={v.euNoiseDb} error={e.euNoiseDb} inputMode="numeric" maxLength={2} />
            <Field name="euNoiseClass" label="Noise class" defaultValue={v.euNoiseClass} error={e.euNoiseClass} maxLength={1} />
          </div>
        </fieldset>
      )}

      <div>
        <label htmlFor="field-description" className="mb-1 block text-sm font-medium">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={4}
          maxLength={2000}
          defaultValue={v.description}
          aria-invalid={e.description ? true : undefined}
          className={selectClass(e.description)}
        />
        {e.description ? <p className="mt-1 text-sm text-red-700">{e.description}</p> : null}
      </div>

      <fieldset>
        <legend className="text-sm font-semibold">Fits vehicle makes</legend>
        {e.vehicleMakes ? <p className="mt-1 text-sm text-red-700">{e.vehicleMakes}</p> : null}
        <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4 lg:grid-cols-6">
          {options.vehicleBrands.map((make) => (
            <label key={make.slug} className="flex items-center gap-2 py-1 text-sm">
              <input
                type="checkbox"
                name="vehicleMakes"
                value={make.slug}
                defaultChecked={checkedAfter(state, 'vehicleMakes', make.slug, chosenMakes.has(make.slug))}
                className="size-4"
              />
              {make.name}
            </label>
          ))}
        </div>
      </fieldset>

      <SubmitButton pendingLabel="Saving…" className={adminButton}>
        {articleId ? 'Save article' : 'Add article'}
      </SubmitButton>
    </form>
  );
}
