'use client';

import { useActionState } from 'react';
import { setTenantActiveAction, setTenantPlanAction, setTenantWorkflowPoolAction, updateTenantSettingsAction } from '@/app/admin/(signed-in)/tenants/actions';
import { Field, FormMessage, SelectField } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { idleFormState } from '@/lib/forms/form-state';
import { adminButton, adminDangerButton, adminSecondaryButton } from '@/components/admin/styles';

export interface TenantSettingsValues {
  name: string;
  tagline: string;
  salesMode: 'b2b' | 'b2c';
  vatRate: string;
  paymentTimeoutMinutes: string;
  timeZone: string;
}

export function TenantSettingsForm({
  tenantId,
  initial,
  timeZones,
}: {
  tenantId: string;
  initial: TenantSettingsValues;
  timeZones: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(updateTenantSettingsAction, idleFormState);
  const v = { ...initial, ...(state.values ?? {}) } as Record<string, string>;
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <Field name="name" label="Shop name" required defaultValue={v.name} error={e.name} maxLength={80} />
      <Field name="tagline" label="Tagline" defaultValue={v.tagline} error={e.tagline} maxLength={120} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          name="salesMode"
          label="Sales mode"
          required
          defaultValue={v.salesMode}
          error={e.salesMode}
          options={[
            { value: 'b2b', label: 'B2B' },
            { value: 'b2c', label: 'B2C' },
          ]}
        />
        <Field name="vatRate" label="VAT rate (%)" required defaultValue={v.vatRate} error={e.vatRate} inputMode="decimal" maxLength={6} />
        <Field
          name="paymentTimeoutMinutes"
          label="Payment timeout (min)"
          required
          defaultValue={v.paymentTimeoutMinutes}
          error={e.paymentTimeoutMinutes}
          inputMode="numeric"
          maxLength={5}
        />
      </div>
      <SelectField
        name="timeZone"
        label="Time zone (order times, emails and calendar days)"
        required
        defaultValue={v.timeZone}
        error={e.timeZone}
        options={timeZones}
      />
      <SubmitButton pendingLabel="Saving…" className={adminButton}>
        Save settings
      </SubmitButton>
    </form>
  );
}

export function TenantStatusForm({ tenantId, isActive }: { tenantId: string; isActive: boolean }) {
  const [state, action] = useActionState(setTenantActiveAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="active" value={isActive ? 'false' : 'true'} />
      <p className="text-sm text-slate-600">{isActive ? 'The storefront and dashboard are online.' : 'The storefront and dashboard answer 404.'}</p>
      <SubmitButton pendingLabel="Working…" className={isActive ? adminDangerButton : adminButton}>
        {isActive ? 'Deactivate shop' : 'Activate shop'}
      </SubmitButton>
    </form>
  );
}

export function TenantPlanForm({ tenantId, plan }: { tenantId: string; plan: 'standard' | 'premium' }) {
  const [state, action] = useActionState(setTenantPlanAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <SelectField
        name="plan"
        label="Plan"
        required
        defaultValue={plan}
        options={[
          { value: 'standard', label: 'Standard' },
          { value: 'premium', label: 'Premium (priority in queues)' },
        ]}
      />
      <SubmitButton pendingLabel="Saving…" className={adminSecondaryButton}>
        Change plan
      </SubmitButton>
    </form>
  );
}

/**
 * Which workflow pool runs the shop's orders: its plan's pool (no override), or one configured pool.
 * `FOLLOW_PLAN_POOL` is the "no override" choice; the server checks the pool is configured.
 */
export function TenantWorkflowPoolForm({
  tenantId,
  override,
  planPool,
  pools,
  followPlan,
}: {
  tenantId: string;
  override: string | null;
  planPool: string;
  pools: readonly string[];
  followPlan: string;
}) {
  const [state, action] = useActionState(setTenantWorkflowPoolAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <SelectField
        name="workflowPool"
        label="Workflow pool"
        required
        defaultValue={override ?? followPlan}
        error={state.fieldErrors?.workflowPool}
        options={[{ value: followPlan, label: `The plan’s pool (${planPool})` }, ...pools.map((pool) => ({ value: pool, label: pool }))]}
      />
      <SubmitButton pendingLabel="Saving…" className={adminSecondaryButton}>
        Change pool
      </SubmitButton>
    </form>
  );
}
