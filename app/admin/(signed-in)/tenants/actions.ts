'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { checkCustomDomain, setCustomDomain } from '@/lib/admin/custom-domain';
import { createTenant, setTenantActive, setTenantPlan, setTenantWorkflowPool, updateTenantSettings } from '@/lib/admin/tenant-admin';
import { moveTenantFromConsole } from '@/lib/admin/tenant-move-admin';
import { setVisibilityScope } from '@/lib/admin/visibility-scope';
import { requireAdmin } from '@/lib/auth/current-admin';
import { AppError } from '@/lib/errors';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, type FormState } from '@/lib/forms/form-state';
import { isUuid } from '@/lib/ids';

// Every action checks the operator first (never the middleware), then works on the tenant id from the
// form, which only an operator can reach.

function tenantIdOf(formData: FormData): string {
  const id = String(formData.get('tenantId') ?? '');
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'There is no such tenant.');
  return id;
}

const refresh = (tenantId?: string) => {
  revalidatePath('/admin', 'layout');
  if (tenantId) revalidatePath(`/admin/tenants/${tenantId}`);
};

export async function createTenantAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let tenantId: string;
  try {
    const admin = await requireAdmin();
    tenantId = (await createTenant(admin, values)).id;
  } catch (error) {
    return errorFormState(error, values);
  }
  refresh();
  redirect(`/tenants/${tenantId}?created=1`);
}

export async function updateTenantSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    await updateTenantSettings(admin, tenantId, values);
    refresh(tenantId);
    return { status: 'success', message: 'Settings saved.', values };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function setTenantActiveAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    const active = values.active === 'true';
    await setTenantActive(admin, tenantId, active);
    refresh(tenantId);
    return { status: 'success', message: active ? 'The shop is online again.' : 'The shop is offline: its storefront answers 404.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function setTenantPlanAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    await setTenantPlan(admin, tenantId, values.plan);
    refresh(tenantId);
    return { status: 'success', message: 'Plan changed.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function setTenantWorkflowPoolAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    const tenant = await setTenantWorkflowPool(admin, tenantId, values.workflowPool);
    refresh(tenantId);
    return { status: 'success', message: tenant.workflowPool ? `New orders now run in the ${tenant.workflowPool} pool.` : 'New orders now run in the plan’s pool.', values };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function setCustomDomainAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    const tenant = await setCustomDomain(admin, tenantId, values.domain ?? '');
    refresh(tenantId);
    return { status: 'success', message: tenant.customDomain ? 'Domain saved. Create the TXT record below, then check DNS.' : 'Custom domain removed.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function checkCustomDomainAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    const { verified } = await checkCustomDomain(admin, tenantId);
    refresh(tenantId);
    return verified
      ? { status: 'success', message: 'Verified: the shop now answers on this domain.' }
      : { status: 'error', message: 'The TXT record was not found with the expected value yet. DNS changes can take a while; try again later.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function setVisibilityScopeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, { lists: ['brands', 'categories', 'vehicleBrands'] });
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    const list = (name: string) => formData.getAll(name).map(String);
    await setVisibilityScope(admin, tenantId, {
      brandsMode: values.brandsMode,
      categoriesMode: values.categoriesMode,
      vehicleBrandsMode: values.vehicleBrandsMode,
      brands: list('brands'),
      categories: list('categories'),
      vehicleBrands: list('vehicleBrands'),
    });
    refresh(tenantId);
    return { status: 'success', message: 'Scope saved.' };
  } catch (error) {
    return errorFormState(error, values);
  }
}

export async function moveTenantAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdmin();
    const tenantId = tenantIdOf(formData);
    const result = await moveTenantFromConsole(admin, tenantId, values);
    refresh(tenantId);
    return {
      status: 'success',
      message: result.alreadyMoved ? `Already on ${result.to}: nothing to copy.` : `Moved to ${result.to}: every table verified (rows and checksums), and the shop now runs there.`,
    };
  } catch (error) {
    return errorFormState(error, values);
  }
}
