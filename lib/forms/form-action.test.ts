import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The action builders decide what every server action checks before its handler runs. These run the
 * real staff check (lib/auth/current-staff) against a stubbed session and membership table; the host
 * picks the shop, as in a request.
 */
const SHOP_A = '00000000-0000-4000-8000-0000000000a1';
const SHOP_B = '00000000-0000-4000-8000-0000000000b2';

const request = vi.hoisted(() => ({
  host: 'a.localhost',
  staff: null as null | { staffUserId: string; tenantId: string; role: 'owner' | 'manager' },
  customer: null as null | { id: string; email: string },
}));
const revalidatePath = vi.hoisted(() => vi.fn());

vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: request.host }) }));
vi.mock('@/lib/tenancy/tenant-directory', () => ({
  getTenantByHost: async (host: string) => ({ 'a.localhost': { id: SHOP_A, name: 'Shop A' }, 'b.localhost': { id: SHOP_B, name: 'Shop B' } })[host] ?? null,
}));
vi.mock('@/lib/auth/staff-auth', () => ({ staffAuth: async () => request.staff }));
vi.mock('@/lib/auth/current-customer', () => ({ getCurrentCustomer: async () => request.customer }));
vi.mock('@/lib/auth/current-admin', () => ({ requireAdmin: vi.fn() }));
vi.mock('@/lib/log', () => ({ log: { error: vi.fn(), info: vi.fn(), warn: vi.fn() } }));
vi.mock('@/db/connection-registry', () => ({
  platformDb: async () => ({
    select: () => ({
      from: () => ({
        innerJoin: () => ({
          // The membership exists only for the shop the session was issued for.
          where: async () => {
            const staff = request.staff;
            return staff?.tenantId === SHOP_A
              ? [{ id: staff.staffUserId, email: 'member@a.test', name: 'Member', role: staff.role, passwordChangedAt: null }]
              : [];
          },
        }),
      }),
    }),
  }),
}));

const { customerAction, isDeclaredAction, staffAction, staffVoidAction } = await import('./form-action');
const { AppError } = await import('@/lib/errors');
const { redirect } = await import('next/navigation');

const idle = { status: 'idle' as const };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

async function thrown(run: () => Promise<unknown>): Promise<{ digest?: string; code?: string } | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return error as { digest?: string; code?: string };
  }
}

beforeEach(() => {
  Object.assign(request, { host: 'a.localhost', staff: null, customer: null });
  revalidatePath.mockClear();
});

describe('a staff action', () => {
  const handler = vi.fn(async () => ({ status: 'success' as const, message: 'Done.' }));
  const ownerAction = staffAction({ role: 'owner', revalidate: ['/dashboard/coupons', { layout: '/' }] }, handler);
  beforeEach(() => handler.mockClear());

  it('runs for the shop’s own staff with the role, and revalidates what it declares', async () => {
    request.staff = { staffUserId: 's1', tenantId: SHOP_A, role: 'owner' };
    expect(await ownerAction(idle, form({ code: 'WINTER10' }))).toEqual({ status: 'success', message: 'Done.' });
    expect(handler).toHaveBeenCalledWith(
      expect.objectContaining({
        tenant: expect.objectContaining({ id: SHOP_A }),
        staff: expect.objectContaining({ role: 'owner' }),
        values: { code: 'WINTER10' },
      }),
    );
    expect(revalidatePath.mock.calls).toEqual([['/dashboard/coupons'], ['/', 'layout']]);
  });

  it('called with a customer session only: the error state with what was typed, and the handler never runs', async () => {
    request.customer = { id: 'c1', email: 'buyer@a.test' };
    const state = await ownerAction(idle, form({ code: 'WINTER10', password: 'secret' }));
    expect(state).toEqual({ status: 'error', message: 'Please sign in to the dashboard.', values: { code: 'WINTER10' } });
    expect(handler).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('called on another shop’s host with this shop’s session: refused, the handler never runs', async () => {
    request.staff = { staffUserId: 's1', tenantId: SHOP_A, role: 'owner' };
    request.host = 'b.localhost';
    expect(await ownerAction(idle, form({ code: 'X' }))).toMatchObject({
      status: 'error',
      message: 'This dashboard belongs to another shop.',
      values: { code: 'X' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('called by a manager where the owner is required: refused, the handler never runs', async () => {
    request.staff = { staffUserId: 's2', tenantId: SHOP_A, role: 'manager' };
    expect(await ownerAction(idle, form({ code: 'X' }))).toMatchObject({ status: 'error', message: 'Only the shop owner can do this.' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('on a host that is no shop: refused', async () => {
    request.staff = { staffUserId: 's1', tenantId: SHOP_A, role: 'owner' };
    request.host = 'nowhere.localhost';
    expect(await ownerAction(idle, form({}))).toMatchObject({ status: 'error', message: 'This shop does not exist.' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('a void action throws the refusal instead, before its handler', async () => {
    request.staff = { staffUserId: 's2', tenantId: SHOP_A, role: 'manager' };
    const voidHandler = vi.fn(async () => {});
    const revoke = staffVoidAction({ role: 'owner', revalidate: ['/dashboard/staff'] }, voidHandler);
    expect(await thrown(() => revoke(form({})))).toMatchObject({ code: 'FORBIDDEN' });
    expect(voidHandler).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe('what a handler’s outcome becomes', () => {
  beforeEach(() => {
    request.staff = { staffUserId: 's1', tenantId: SHOP_A, role: 'owner' };
  });

  it('keeps the typed values (passwords excepted) and the field errors of a refusal', async () => {
    const action = staffAction({ role: 'manager', lists: ['brands'], revalidate: ['/x'] }, async () => {
      throw new AppError('VALIDATION_FAILED', 'Please check the code.', { details: { fieldErrors: { code: 'Too short.' } } });
    });
    const data = form({ code: 'W', currentPassword: 'secret' });
    data.append('brands', 'audi');
    data.append('brands', 'bmw');
    expect(await action(idle, data)).toEqual({
      status: 'error',
      message: 'Please check the code.',
      fieldErrors: { code: 'Too short.' },
      values: { code: 'W', brands: 'audi|bmw' },
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('an unexpected error is the generic message, the values still kept', async () => {
    const action = staffAction({ role: 'manager' }, async () => {
      throw new Error('connection reset');
    });
    expect(await action(idle, form({ name: 'Kept' }))).toEqual({
      status: 'error',
      message: 'Something went wrong on our side. Please try again.',
      values: { name: 'Kept' },
    });
  });

  it('lets a redirect out of the handler pass through, after revalidating', async () => {
    const action = staffAction({ role: 'manager', revalidate: [{ layout: '/dashboard/orders' }] }, async () => redirect('/dashboard/orders/7?done=cancelled'));
    const error = await thrown(() => action(idle, form({ orderId: 'o1' })));
    expect(error?.digest).toMatch(/^NEXT_REDIRECT;\w+;\/dashboard\/orders\/7\?done=cancelled;/);
    expect(revalidatePath.mock.calls).toEqual([['/dashboard/orders', 'layout']]);
  });
});

describe('a customer action', () => {
  it('sends a visitor without a session to sign in, without running the handler or revalidating', async () => {
    const handler = vi.fn(async () => ({ status: 'success' as const }));
    const action = customerAction(
      { signIn: (data) => `/account/sign-in?callbackUrl=${encodeURIComponent(`/products/${data.get('slug')}`)}`, revalidate: [{ layout: '/' }] },
      handler,
    );
    const error = await thrown(() => action(idle, form({ slug: 'tyre-1' })));
    expect(error?.digest).toMatch(/^NEXT_REDIRECT;\w+;\/account\/sign-in\?callbackUrl=%2Fproducts%2Ftyre-1;/);
    expect(handler).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('hands the signed-in customer of this shop to the handler', async () => {
    request.customer = { id: 'c1', email: 'buyer@a.test' };
    const action = customerAction({ signIn: '/account/sign-in' }, async ({ tenant, customer }) => ({
      status: 'success',
      message: `${customer.id}@${tenant.id}`,
    }));
    expect(await action(idle, form({}))).toEqual({ status: 'success', message: `c1@${SHOP_A}` });
  });
});

describe('telling declared actions from hand-written ones', () => {
  it('knows what a builder made', () => {
    expect(isDeclaredAction(staffAction({ role: 'owner' }, async () => ({ status: 'success' })))).toBe(true);
    expect(isDeclaredAction(async (_prev: unknown, _formData: FormData) => ({ status: 'success' }))).toBe(false);
  });
});
