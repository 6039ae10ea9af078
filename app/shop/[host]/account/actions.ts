'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth/auth';
import { signInWithCredentials } from '@/lib/auth/sign-in-with-credentials';
import { createPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { addCustomerAddress, removeCustomerAddress } from '@/lib/customers/addresses';
import { changeCustomerPassword } from '@/lib/customers/change-password';
import { updateCustomerProfile } from '@/lib/customers/update-profile';
import { clientAddress, trustProxyHeaders } from '@/lib/http/client-address';
import { customerAction, customerVoidAction, noValues, publicAction } from '@/lib/forms/form-action';
import { safeRedirectPath, type FormState } from '@/lib/forms/form-state';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { registerCustomer } from '@/lib/registration/register-customer';
import { sendPasswordResetEmail, sendRegistrationEmail } from '@/lib/registration/registration-emails';
import { vatRegistryFromEnv } from '@/lib/registration/vat-registry';

// Every action takes its tenant from the request's host and its customer from the session, never from
// form fields: a forged field cannot reach another shop or another account.

export const registerAction = publicAction({}, async ({ tenant, formData }) => {
  const registered = await registerCustomer(tenant, Object.fromEntries(formData), { registry: vatRegistryFromEnv() });
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
});

// Sign-in and sign-out stay hand-written: Auth.js decides the shop and the person from the request in
// its authorize callback, and signInWithCredentials maps its refusals and lets its redirect through.
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return signInWithCredentials(signIn, 'credentials', formData, safeRedirectPath(formData.get('callbackUrl')));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}

export const requestResetAction = publicAction({}, async ({ tenant, formData }) => {
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
});

export const resetPasswordAction = publicAction({ values: noValues }, async ({ tenant, formData }) => {
  await resetPassword(tenant, String(formData.get('token') ?? ''), String(formData.get('password') ?? ''));
  redirect('/account/sign-in?reset=1');
});

const accountSignIn = '/account/sign-in?callbackUrl=/account';

export const updateProfileAction = customerAction({ signIn: accountSignIn, revalidate: ['/account'] }, async ({ tenant, customer, formData }) => {
  await updateCustomerProfile(tenant.id, customer.id, Object.fromEntries(formData));
  return { status: 'success', message: 'Your details are saved.' };
});

export const changePasswordAction = customerAction({ signIn: accountSignIn, values: noValues }, async ({ tenant, customer, formData }) => {
  const field = (name: string) => String(formData.get(name) ?? '');
  await changeCustomerPassword(tenant.id, customer, {
    currentPassword: field('currentPassword'),
    newPassword: field('newPassword'),
    confirmPassword: field('confirmPassword'),
  });
  // This session ended with the change like every other: its cookie goes, and the sign-in page says why.
  await signOut({ redirectTo: '/account/sign-in?reset=1' });
  return { status: 'success' };
});

export const addAddressAction = customerAction({ signIn: accountSignIn, revalidate: ['/account'] }, async ({ tenant, customer, formData }) => {
  await addCustomerAddress(tenant.id, customer.id, Object.fromEntries(formData));
  return { status: 'success', message: 'Address added.' };
});

export const deleteAddressAction = customerVoidAction({ signIn: accountSignIn, revalidate: ['/account'] }, async ({ tenant, customer, formData }) => {
  const id = String(formData.get('addressId') ?? '');
  if (isUuid(id)) await removeCustomerAddress(tenant.id, customer.id, id);
});
