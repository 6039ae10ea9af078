import 'server-only';
import { revalidatePath } from 'next/cache';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { redirect, unstable_rethrow } from 'next/navigation';
import type { Customer, Tenant } from '@/db/schema';
import { requireAdmin, type AdminActor } from '@/lib/auth/current-admin';
import { getCurrentCustomer } from '@/lib/auth/current-customer';
import { requireStaff, type StaffMember } from '@/lib/auth/current-staff';
import { requireRequestTenant } from '@/lib/tenancy/request-tenant';
import { errorFormState } from './form-error-state';
import { formValues, type FormState } from './form-state';

/**
 * Every server action is declared through one of these builders, one per surface, so what each one
 * must check first is not left to the action: the shop comes from the request's host (never from the
 * form) and the actor from that surface's session, before the handler runs at all.
 *
 *   - `customerAction`: the storefront's signed-in customer of this shop; nobody signed in goes to
 *     `signIn` (the sign-in page, with where to come back to).
 *   - `staffAction`: the dashboard's staff member of this shop with at least `role` (`manager` is any
 *     member, `owner` the owner only); another shop's session is FORBIDDEN, none is UNAUTHENTICATED.
 *   - `adminAction`: the platform console's operator.
 *   - `publicAction`: the shop of the host, nobody signed in (registration, password reset, invitations).
 *
 * A builder parses the form (`values`: what was typed, passwords never, to show again), turns any error
 * of the check or the handler into the form's error state with those values, and once the handler has
 * done its work, revalidates the declared paths. Next's `redirect()` and `notFound()` are thrown errors:
 * they pass through untouched, a redirect out of the handler counting as done work (so the paths are
 * revalidated first). `…VoidAction` is the same for a plain `<form action>` that shows no state: its
 * errors are thrown, as React expects of such an action.
 *
 * `tests/server-actions-rule.test.ts` fails for an exported action of a `'use server'` file that is not
 * built here, except the Auth.js sign-in and sign-out actions it lists.
 */

type FormAction<S extends FormState = FormState> = (previous: S, formData: FormData) => Promise<S>;
type VoidAction = (formData: FormData) => Promise<void>;

type Values = Record<string, string>;

/** What a handler's work makes stale: a page, or a layout with every page under it. */
type Revalidate = string | { layout: string };

interface FormOptions<S extends FormState> {
  /** Checkbox groups whose every ticked value is kept (see `formValues`). */
  lists?: readonly string[];
  /** Instead of every typed field: what to show again (e.g. nothing for a file upload). */
  values?: (formData: FormData) => Values;
  revalidate?: readonly Revalidate[];
  /** The error as the form shows it; a state with more than FormState's fields (an import's row errors) brings its own. */
  onError?: (error: unknown, values: Values) => S;
}

interface VoidOptions {
  revalidate?: readonly Revalidate[];
}

interface FormInput {
  values: Values;
  formData: FormData;
}

export type StaffRole = StaffMember['role'];
type CustomerContext = { tenant: Tenant; customer: Customer };
type StaffContext = { tenant: Tenant; staff: StaffMember };
type AdminContext = { admin: AdminActor };
type PublicContext = { tenant: Tenant };

/** Where a visitor without a session is sent: a path, or one built from the form (e.g. back to the product). */
type SignInRedirect = string | ((formData: FormData) => string);

/** Resolves who may act, or throws (an AppError, or a redirect to sign in). */
type Actor<C> = (formData: FormData) => Promise<C>;

/** Every action these builders made, so a test can tell a declared action from a hand-written one. */
const declared = new WeakSet<object>();

export const isDeclaredAction = (value: unknown): boolean => typeof value === 'function' && declared.has(value);

function revalidate(targets: readonly Revalidate[] = []): void {
  for (const target of targets) {
    if (typeof target === 'string') revalidatePath(target);
    else revalidatePath(target.layout, 'layout');
  }
}

function defineFormAction<C, S extends FormState>(
  actor: Actor<C>,
  options: FormOptions<S>,
  handler: (context: C & FormInput) => Promise<NoInfer<S>>,
): FormAction<S> {
  // FormState's error state is every state's: S only adds optional fields, and brings onError when it fills them.
  const fail = options.onError ?? ((error: unknown, values: Values) => errorFormState(error, values) as S);
  async function formAction(_previous: S, formData: FormData): Promise<S> {
    const values = options.values ? options.values(formData) : formValues(formData, { lists: options.lists });
    let checked = false;
    let state: S;
    try {
      const context = await actor(formData);
      checked = true;
      state = await handler({ ...context, values, formData });
    } catch (error) {
      // A redirect out of the handler is its work done; the actor's (to sign in) is not.
      if (checked && isRedirectError(error)) revalidate(options.revalidate);
      unstable_rethrow(error);
      return fail(error, values);
    }
    revalidate(options.revalidate);
    return state;
  }
  declared.add(formAction);
  return formAction;
}

function defineVoidAction<C>(actor: Actor<C>, options: VoidOptions, handler: (context: C & { formData: FormData }) => Promise<void>): VoidAction {
  async function voidAction(formData: FormData): Promise<void> {
    const context = await actor(formData);
    try {
      await handler({ ...context, formData });
    } catch (error) {
      if (isRedirectError(error)) revalidate(options.revalidate);
      throw error;
    }
    revalidate(options.revalidate);
  }
  declared.add(voidAction);
  return voidAction;
}

const customerActor =
  (signIn: SignInRedirect): Actor<CustomerContext> =>
  async (formData) => {
    const tenant = await requireRequestTenant();
    const customer = await getCurrentCustomer(tenant.id);
    if (!customer) redirect(typeof signIn === 'string' ? signIn : signIn(formData));
    return { tenant, customer };
  };

const staffActor =
  (role: StaffRole): Actor<StaffContext> =>
  async () => {
    const tenant = await requireRequestTenant();
    return { tenant, staff: await requireStaff(tenant.id, role) };
  };

const adminActor: Actor<AdminContext> = async () => ({ admin: await requireAdmin() });

const publicActor: Actor<PublicContext> = async () => ({ tenant: await requireRequestTenant() });

export function customerAction<S extends FormState = FormState>(
  options: FormOptions<S> & { signIn: SignInRedirect },
  handler: (context: CustomerContext & FormInput) => Promise<NoInfer<S>>,
): FormAction<S> {
  return defineFormAction(customerActor(options.signIn), options, handler);
}

export function customerVoidAction(
  options: VoidOptions & { signIn: SignInRedirect },
  handler: (context: CustomerContext & { formData: FormData }) => Promise<void>,
): VoidAction {
  return defineVoidAction(customerActor(options.signIn), options, handler);
}

export function staffAction<S extends FormState = FormState>(
  options: FormOptions<S> & { role: StaffRole },
  handler: (context: StaffContext & FormInput) => Promise<NoInfer<S>>,
): FormAction<S> {
  return defineFormAction(staffActor(options.role), options, handler);
}

export function staffVoidAction(
  options: VoidOptions & { role: StaffRole },
  handler: (context: StaffContext & { formData: FormData }) => Promise<void>,
): VoidAction {
  return defineVoidAction(staffActor(options.role), options, handler);
}

export function adminAction<S extends FormState = FormState>(
  options: FormOptions<S>,
  handler: (context: AdminContext & FormInput) => Promise<NoInfer<S>>,
): FormAction<S> {
  return defineFormAction(adminActor, options, handler);
}

export function publicAction<S extends FormState = FormState>(
  options: FormOptions<S>,
  handler: (context: PublicContext & FormInput) => Promise<NoInfer<S>>,
): FormAction<S> {
  return defineFormAction(publicActor, options, handler);
}

/** For `values`: show nothing again (forms of passwords or files only). */
export const noValues = (): Values => ({});
