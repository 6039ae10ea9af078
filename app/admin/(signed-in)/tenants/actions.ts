'use server';

import { redirect } from 'next/navigation';
import { checkCustomDomain, setCustomDomain } from '@/lib/tenancy/custom-domain';
import { createTenant, setTenantActive, setTenantPlan, setTenantWorkflowPool, updateTenantSettings } from '@/lib/tenancy/manage-tenants';
import { moveTenantFromConsole } from '@/lib/tenancy/tenant-moves';
import { setVisibilityScope } from '@/lib/catalog/visibility-scope';
import { AppError } from '@/lib/errors';
import { adminAction } from '@/lib/forms/form-action';
import { isUuid } from '@/lib/ids';

// The builder checks the operator first (never the middleware); each action then works on the tenant id
// from the form, which only an operator can reach. Every change shows across the console (the tenant's
// own page included), hence its whole layout.

const revalidate = [{ layout: '/admin' }];

function tenantIdOf(formData: FormData): string {
  const id = String(formData.get('tenantId') ?? '');
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'There is no such tenant.');
  return id;
}

export const createTenantAction = adminAction({ revalidate }, async ({ admin, values }) => {
  const tenantId = (await createTenant(admin, values)).id;
  redirect(`/tenants/${tenantId}?created=1`);
});

export const updateTenantSettingsAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  await updateTenantSettings(admin, tenantIdOf(formData), values);
  return { status: 'success', message: 'Settings saved.', values };
});

export const setTenantActiveAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  const active = values.active === 'true';
  await setTenantActive(admin, tenantIdOf(formData), active);
  return { status: 'success', message: active ? 'The shop is online again.' : 'The shop is offline: its storefront answers 404.' };
});

export const setTenantPlanAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  await setTenantPlan(admin, tenantIdOf(formData), values.plan);
  return { status: 'success', message: 'Plan changed.' };
});

export const setTenantWorkflowPoolAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  const tenant = await setTenantWorkflowPool(admin, tenantIdOf(formData), values.workflowPool);
  return {
    status: 'success',
    message: tenant.workflowPool ? `New orders now run in the ${tenant.workflowPool} pool.` : 'New orders now run in the plan’s pool.',
    values,
  };
});

export const setCustomDomainAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  const tenant = await setCustomDomain(admin, tenantIdOf(formData), values.domain ?? '');
  return { status: 'success', message: tenant.customDomain ? 'Domain saved. Create the TXT record below, then check DNS.' : 'Custom domain removed.' };
});

export const checkCustomDomainAction = adminAction({ revalidate }, async ({ admin, formData }) => {
  const { verified } = await checkCustomDomain(admin, tenantIdOf(formData));
  return verified
    ? { status: 'success', message: 'Verified: the shop now answers on this domain.' }
    : { status: 'error', message: 'The TXT record was not found with the expected value yet. DNS changes can take a while; try again later.' };
});

export const setVisibilityScopeAction = adminAction({ lists: ['brands', 'categories', 'vehicleBrands'], revalidate }, async ({ admin, values, formData }) => {
  const list = (name: string) => formData.getAll(name).map(String);
  await setVisibilityScope(admin, tenantIdOf(formData), {
    brandsMode: values.brandsMode,
    categoriesMode: values.categoriesMode,
    vehicleBrandsMode: values.vehicleBrandsMode,
    brands: list('brands'),
    categories: list('categories'),
    vehicleBrands: list('vehicleBrands'),
  });
  return { status: 'success', message: 'Scope saved.' };
});

export const moveTenantAction = adminAction({ revalidate }, async ({ admin, values, formData }) => {
  const result = await moveTenantFromConsole(admin, tenantIdOf(formData), values);
  return {
    status: 'success',
    message: result.alreadyMoved
      ? `Already on ${result.to}: nothing to copy.`
      : `Moved to ${result.to}: every table verified (rows and checksums), and the shop now runs there.`,
  };
});
