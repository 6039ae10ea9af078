import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Every dashboard page goes through requireStaffPage (in the signed-in layout and the page itself), and
 * every dashboard action and route handler calls requireStaff with the shop of the request's host first,
 * so these two decide what a staff session of one shop gets from another shop's dashboard.
 */
const session = vi.hoisted(() => ({ current: null as null | { staffUserId: string; tenantId: string } }));
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-storefleet-public-path': '/dashboard/orders?status=paid' }) }));
vi.mock('./staff-auth', () => ({ staffAuth: async () => session.current }));
vi.mock('@/db/connection-registry', () => ({
  platformDb: async () => ({
    select: () => ({
      from: () => ({
        innerJoin: () => ({
          where: async () =>
            session.current?.tenantId === SHOP_A ? [{ id: session.current.staffUserId, email: 'owner@a.test', name: 'Owner A', role: 'owner' }] : [],
        }),
      }),
    }),
  }),
}));

const SHOP_A = '00000000-0000-4000-8000-0000000000a1';
const SHOP_B = '00000000-0000-4000-8000-0000000000b2';

async function load() {
  vi.resetModules();
  return import('./current-staff');
}

const thrown = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return null;
  } catch (error) {
    return error as Error & { digest?: string; code?: string };
  }
};

describe('staff access to a dashboard', () => {
  beforeEach(() => {
    session.current = null;
  });

  it('lets a shop’s own staff in', async () => {
    session.current = { staffUserId: 's1', tenantId: SHOP_A };
    const { requireStaff, requireStaffPage } = await load();
    await expect(requireStaffPage(SHOP_A)).resolves.toMatchObject({ email: 'owner@a.test', role: 'owner' });
    await expect(requireStaff(SHOP_A, 'owner')).resolves.toMatchObject({ tenantId: SHOP_A });
  });

  it('gives another shop’s staff session a 404 on pages and FORBIDDEN from actions', async () => {
    session.current = { staffUserId: 's1', tenantId: SHOP_A };
    const { requireStaff, requireStaffPage } = await load();
    const page = await thrown(() => requireStaffPage(SHOP_B));
    expect(page?.digest ?? page?.message).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    const action = await thrown(() => requireStaff(SHOP_B));
    expect(action?.code).toBe('FORBIDDEN');
  });

  it('sends a visitor without a session to sign in and back to the page asked for, and refuses actions', async () => {
    const { requireStaff, requireStaffPage } = await load();
    const page = await thrown(() => requireStaffPage(SHOP_A));
    expect(page?.digest).toContain('/dashboard/sign-in?callbackUrl=%2Fdashboard%2Forders%3Fstatus%3Dpaid');
    const action = await thrown(() => requireStaff(SHOP_A));
    expect(action?.code).toBe('UNAUTHENTICATED');
  });
});
