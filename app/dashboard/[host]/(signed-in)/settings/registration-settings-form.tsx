'use client';

import { clsx } from 'clsx';
import { useActionState, useState, useTransition } from 'react';
import { saveRegistrationSettingsAction } from '@/app/dashboard/[host]/(signed-in)/settings/actions';
import { FormMessage } from '@/components/forms/field';
import { idleFormState } from '@/lib/forms/form-state';
import { countryOptions } from '@/lib/registration/country-options';
import { paymentSettingFields, registrationSettingFields, type SettingField } from '@/lib/registration/registration-settings';
import { previewSettings, type RegistrationDraft } from '@/lib/registration/registration-settings-draft';
import { RegistrationOutcome } from '@/components/dashboard/registration-outcome';

type Props = { initial: RegistrationDraft; defaultCountry: string };
type SetDraft = (patch: Partial<RegistrationDraft>) => void;
type SettingKey = keyof typeof registrationSettingFields | keyof typeof paymentSettingFields;

const card = 'rounded-lg border border-slate-200 bg-white p-5';
const input = (error?: string) =>
  clsx('w-24 rounded-md border bg-white px-3 py-2 text-base sm:text-sm', error ? 'border-red-600 ring-1 ring-red-600' : 'border-slate-300');

function Toggle(props: {
  name: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
  children: React.ReactNode;
  error?: string;
}) {
  const id = `field-${props.name}`;
  return (
    <div className={clsx('flex gap-3', props.disabled && 'opacity-60')}>
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
        className="mt-0.5 size-5 shrink-0 accent-slate-900"
      />
      <div>
        <label htmlFor={id} className="font-medium">
          {props.label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {props.children}
        </p>
        {props.error ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {props.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Radio(props: { name: string; value: string; checked: boolean; onChange: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        disabled={props.disabled}
        onChange={props.onChange}
        className="size-4 accent-slate-900"
      />
      {props.children}
    </label>
  );
}

function NumberSetting(props: {
  name: string;
  field: Extract<SettingField, { kind: 'wholeNumber' }>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const id = `field-${props.name}`;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-medium">
        {props.field.label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={props.name}
          inputMode="numeric"
          required
          value={props.value}
          onChange={(ev) => props.onChange(ev.target.value)}
          className={input(props.error)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
        />
        <span className="text-sm">{props.field.unit}</span>
      </div>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {props.field.help}
      </p>
      {props.error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** The toggles that mean nothing without `key`: turned off with it. */
function dependentsOf(key: string): Partial<RegistrationDraft> {
  const dependents = Object.entries(registrationSettingFields).filter(([, f]) => f.kind === 'toggle' && 'requires' in f && f.requires.setting === key);
  return Object.fromEntries(dependents.map(([dependent]) => [dependent, false]));
}

/** Every setting of a table as the field of its kind, in the table's order. */
function SettingFields(props: { fields: Record<string, SettingField>; d: RegistrationDraft; set: SetDraft; errors: Record<string, string> }) {
  const { d, set, errors } = props;
  return Object.entries(props.fields).map(([key, field]) => {
    const name = key as SettingKey;
    if (field.kind === 'wholeNumber') {
      return (
        <NumberSetting
          key={key}
          name={key}
          field={field}
          value={String(d[name])}
          onChange={(value) => set({ [name]: value } as Partial<RegistrationDraft>)}
          error={errors[key]}
        />
      );
    }
    const off = field.requires ? d[field.requires.setting as SettingKey] !== true : false;
    return (
      <Toggle
        key={key}
        name={key}
        label={field.label}
        checked={d[name] === true && !off}
        disabled={field.requires ? off : undefined}
        error={errors[key]}
        onChange={(on) => set({ [name]: on, ...(on ? {} : dependentsOf(key)) } as Partial<RegistrationDraft>)}
      >
        {off && field.requires ? field.requires.helpWhileOff : field.help}
      </Toggle>
    );
  });
}

/** Registration and payment settings; the panel beside it says what a registrant gets, before saving. */
export function RegistrationSettingsForm({ initial, defaultCountry }: Props) {
  const [state, action] = useActionState(saveRegistrationSettingsAction, idleFormState);
  const [pending, startTransition] = useTransition();
  const [d, setD] = useState(initial);
  const set = (patch: Partial<RegistrationDraft>) => setD((prev) => ({ ...prev, ...patch }));
  const e = state.fieldErrors ?? {};
  const autoOff = !d.approvalRequired || !d.autoApprovalEnabled;
  const toggleCountry = (code: string, on: boolean) => set({ countries: on ? [...d.countries, code] : d.countries.filter((c) => c !== code) });
  return (
    <form
      action={action}
      // Submitted by hand so that React does not reset the form afterwards: every field here is controlled.
      onSubmit={(ev) => {
        ev.preventDefault();
        const data = new FormData(ev.currentTarget);
        startTransition(() => action(data));
      }}
      className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]"
    >
      <div className="space-y-6 xl:col-start-1">
        <section aria-labelledby="signup-heading" className={`${card} space-y-5`}>
          <h2 id="signup-heading" className="font-semibold">
            Who can sign up
          </h2>
          <SettingFields fields={registrationSettingFields} d={d} set={set} errors={e} />
        </section>
        <fieldset className={clsx(card, 'space-y-5')} aria-describedby="rules-hint">
          <legend className="sr-only">Auto-approval rules</legend>
          {/* biome-ignore lint/a11y/useHeadingContent: the legend names the group for screen readers; this is its visible twin */}
          <h2 className="font-semibold" aria-hidden>
            Auto-approval rules
          </h2>
          <p id="rules-hint" className="-mt-3 text-sm text-slate-600">
            {autoOff
              ? 'Kept for when you turn auto-approval on; they do nothing now.'
              : 'An account is approved automatically only when it meets all of these.'}
          </p>
          <Toggle name="validVat" label="A valid VAT number" checked={d.validVat} onChange={(on) => set({ validVat: on })}>
            The VAT number passes the format and check-digit test of its country (and the EU registry, when that check is switched on).
          </Toggle>
          <div className="space-y-2">
            <p className="font-medium">Countries</p>
            <Radio name="countryRule" value="any" checked={d.countryRule === 'any'} onChange={() => set({ countryRule: 'any' })}>
              Businesses from any EU country
            </Radio>
            <Radio name="countryRule" value="listed" checked={d.countryRule === 'listed'} onChange={() => set({ countryRule: 'listed' })}>
              Only businesses from these countries:
            </Radio>
            <div
              role="group"
              aria-label="Allowed countries"
              className={clsx('grid grid-cols-2 gap-x-4 gap-y-1.5 pl-6 sm:grid-cols-3', d.countryRule === 'any' && 'opacity-50')}
            >
              {countryOptions.map((c) => (
                <label key={c.value} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="countries"
                    value={c.value}
                    checked={d.countries.includes(c.value)}
                    disabled={d.countryRule === 'any'}
                    onChange={(ev) => toggleCountry(c.value, ev.target.checked)}
                    className="size-4 accent-slate-900"
                  />
                  {c.label}
                </label>
              ))}
            </div>
            {e.countries ? (
              <p className="pl-6 text-sm text-red-700" role="alert">
                {e.countries}
              </p>
            ) : null}
          </div>
          <div className="space-y-2">
            <p className="font-medium">How long an automatic approval lasts</p>
            <Radio name="approvalLength" value="permanent" checked={d.approvalLength === 'permanent'} onChange={() => set({ approvalLength: 'permanent' })}>
              Permanent
            </Radio>
            <div className="flex flex-wrap items-center gap-2">
              <Radio name="approvalLength" value="temporary" checked={d.approvalLength === 'temporary'} onChange={() => set({ approvalLength: 'temporary' })}>
                For
              </Radio>
              <input
                id="field-temporaryDays"
                name="temporaryDays"
                inputMode="numeric"
                aria-label="Days an automatic approval lasts"
                value={d.temporaryDays}
                disabled={d.approvalLength !== 'temporary'}
                onChange={(ev) => set({ temporaryDays: ev.target.value })}
                className={input(e.temporaryDays)}
                aria-invalid={e.temporaryDays ? true : undefined}
                aria-describedby={e.temporaryDays ? 'field-temporaryDays-error' : undefined}
              />
              <span className="text-sm">days (1–365), then the account waits for your review</span>
            </div>
            {e.temporaryDays ? (
              <p id="field-temporaryDays-error" className="text-sm text-red-700">
                {e.temporaryDays}
              </p>
            ) : null}
          </div>
        </fieldset>
        <section aria-labelledby="payment-heading" className={`${card} space-y-2`}>
          <h2 id="payment-heading" className="font-semibold">
            Card payments
          </h2>
          <SettingFields fields={paymentSettingFields} d={d} set={set} errors={e} />
        </section>
      </div>
      {/* On a phone the outcome comes before the save button; from xl it stays beside the settings. */}
      <section aria-labelledby="outcome-heading" className={`${card} xl:sticky xl:top-6 xl:col-start-2 xl:row-span-2 xl:row-start-1`}>
        <h2 id="outcome-heading" className="font-semibold">
          What a new registrant gets
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">With the choices on this page; it applies to the next registration as soon as you save.</p>
        <RegistrationOutcome settings={previewSettings(d)} defaultCountry={defaultCountry} />
      </section>
      <div className="space-y-3 xl:col-start-1">
        <FormMessage state={state} />
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
        >
          {pending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
