'use server';

import { AuthError } from 'next-auth';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth/auth';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { signInWithCredentials } from '@/lib/auth/sign-in-with-credentials';
import { createPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { addAddress, deleteAddress } from '@/lib/customers/addresses';
import { changeCustomerPassword } from '@/lib/customers/change-password';
import { updateProfile } from '@/lib/customers/update-profile';
import { clientAddress, trustProxyHeaders } from '@/lib/http/client-address';
import { errorFormState } from '@/lib/forms/form-error-state';
import { formValues, safeRedirectPath, type FormState } from '@/lib/forms/form-state';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { registerCustomer } from '@/lib/registration/register-customer';
import { sendPasswordResetEmail, sendRegistrationEmail } from '@/lib/registration/registration-emails';
import { vatRegistryFromEnv } from '@/lib/registration/vat-registry';
import { requireRequestTenant } from '@/lib/storefront/request-tenant';
import { withTenant } from '@/lib/tenancy/with-tenant';

// Every action takes its tenant from the request's host and its customer from the session, never from
// form fields: a forged field cannot reach another shop or another account.

export async function registerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const tenant = await requireRequestTenant();
  let registered: Awaited<ReturnType<typeof registerCustomer>>;
  try {
    registered = await registerCustomer(tenant, Object.fromEntries(formData), { registry: vatRegistryFromEnv() });
  } catch (error) {
    return errorFormState(error, values);
  }
  await sendRegistrationEmail(tenant, registered.customer, registered.decision).catch((error: unknown) =>
    log.error({ err: error, tenantId: tenant.id, customerId: registered.customer.id }, 'registration email failed'),
  );
  try {
    await signIn('credentials', { email: registered.customer.email, password: formData.get('password'), redirectTo: '/account?welcome=1' });
  } catch (error) {
    // Anything but a refused sign-in (the redirect into the account included) goes on as it came.
    if (!(error instanceof AuthError)) throw error;
    // The account exists either way: a sign-in limit reached from this address only means signing in by hand.
    log.info({ event: 'registration_signin_refused', tenantId: tenant.id, customerId: registered.customer.id }, 'signed in after registration refused');
    redirect('/account/sign-in?registered=1');
  }
  return { status: 'success' };
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return signInWithCredentials(signIn, 'credentials', formData, safeRedirectPath(formData.get('callbackUrl')));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}

export async function requestResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const tenant = await requireRequestTenant();
  const email = String(formData.get('email') ?? '').trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    return { status: 'error', fieldErrors: { email: 'Please enter a valid email address.' }, values: { email } };
  }
  try {
    const client = clientAddress(await headers(), { trustProxyHeaders: trustProxyHeaders() });
    const reset = await createPasswordReset(tenant, email, { client });
    if (reset) await sendPasswordResetEmail(tenant, reset);
  } catch (error) {
    log.error({ err: error, tenantId: tenant.id }, 'password reset request failed');
  }
  // The same answer whether or not the account exists.
  return { status: 'success', message: `If an account exists for ${email}, we have sent it a link to choose a new password. It works for 30 minutes.` };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const tenant = await requireRequestTenant();
  try {
    await resetPassword(tenant, String(formData.get('token') ?? ''), String(formData.get('password') ?? ''));
  } catch (error) {
    return errorFormState(error, {});
  }
  redirect('/account/sign-in?reset=1');
}

async function requireCustomer() {
  const tenant = await requireRequestTenant();
  const customer = await getCurrentCustomer(tenant.id);
  if (!customer) redirect('/account/sign-in?callbackUrl=/account');
  return { tenant, customer };
}

export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { tenant, customer } = await requireCustomer();
  try {
    await withTenant(tenant.id, (tx) => updateProfile(tx, customer.id, Object.fromEntries(formData)));
  } catch (error) {
    return errorFormState(error, formValues(formData));
  }
  revalidatePath('/account');
  return { status: 'success', message: 'Your details are saved.' };
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { tenant, customer } = await requireCustomer();
  const field = (name: string) => String(formData.get(name) ?? '');
  try {
    await changeCustomerPassword(tenant.id, customer, { currentPassword: field('currentPassword'), newPassword: field('newPassword'), confirmPassword: field('confirmPassword') });
  } catch (error) {
    return errorFormState(error, {});
  }
  // This session ended with the change like every other: its cookie goes, and the sign-in page says why.
  await signOut({ redirectTo: '/account/sign-in?reset=1' });
  return { status: 'success' };
}

export async function addAddressAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { tenant, customer } = await requireCustomer();
  try {
    await withTenant(tenant.id, (tx) => addAddress(tx, tenant.id, customer.id, Object.fromEntries(formData)));
  } catch (error) {
    return errorFormState(error, formValues(formData));
  }
  revalidatePath('/account');
  return { status: 'success', message: 'Address added.' };
}

export async function deleteAddressAction(formData: FormData): Promise<void> {
  const { tenant, customer } = await requireCustomer();
  const id = String(formData.get('addressId') ?? '');
  if (isUuid(id)) await withTenant(tenant.id, (tx) => deleteAddress(tx, customer.id, id));
  revalidatePath('/account');
}
