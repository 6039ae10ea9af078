import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { register, signIn, uniqueEmail } from './support/accounts';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';
import { raw } from './support/raw-http';

/**
 * Tenant isolation, walked over every tenant-scoped page and route handler the app has (read from the
 * file system, so a new page is swept without anyone remembering to add it). ACME's customer and owner
 * carry their session cookies to Atraxion's host, and ask ACME's host for Atraxion's ids. Every answer
 * is a sign-in redirect or a 404 (public pages may render, as for anybody), and none shows anything of
 * the other shop or of the person's own account there.
 */

const A = 'acme';
const B = 'atraxion';
const A_MARKERS = [/Demo Garage/, /buyer@acme\.test/, /owner@acme\.test/, /ACME Wheels/];

/** Page and route-handler paths under a tenant segment, in URL form: route groups dropped, dynamic segments kept. */
function routesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string, segments: string[]) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      else if (name === 'page.tsx' || name === 'route.ts') {
        const route = `/${segments.join('/')}`.replace(/\/$/, '') || '/';
        out.push(route);
        // Route handlers are tried with each method they export.
        if (name === 'route.ts')
          for (const [, method] of readFileSync(full, 'utf8').matchAll(/export (?:async )?function (POST|PUT|PATCH|DELETE)\b/g)) out.push(`${method} ${route}`);
      }
    }
  };
  walk(dir, []);
  return [...new Set(out)].sort();
}

/** Fills the dynamic segments with the given ids; a segment nobody provided fails the test loudly. */
function fill(route: string, ids: Record<string, string>): string {
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    if (!(name in ids)) throw new Error(`No value for [${name}] in ${route}: add one to the sweep`);
    return encodeURIComponent(ids[name]!);
  });
}

async function cookieHeader(browser: Browser, login: (page: Page) => Promise<void>, shop: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await login(page);
    return (await context.cookies(shopUrl(shop, '/'))).map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await context.close();
  }
}

async function get(url: string, cookie: string, method = 'GET') {
  const { host, pathname, search } = new URL(url);
  const res = await raw({
    method,
    path: `${pathname}${search}`,
    headers: { host, cookie, ...(method === 'GET' ? {} : { origin: `http://${host}`, 'content-type': 'application/json' }) },
    body: method === 'GET' ? undefined : '{}',
  });
  const location = res.headers.location;
  return { status: res.status, location: typeof location === 'string' ? location : '', body: res.body };
}

const shopRoutes = routesUnder(path.join(process.cwd(), 'app/shop/[host]')).filter((r) => !r.startsWith('/dev'));
const dashboardRoutes = routesUnder(path.join(process.cwd(), 'app/dashboard/[host]')).map((r) =>
  r.replace(/^((?:[A-Z]+ )?)\//, (_, m: string) => `${m}/dashboard/`).replace(/\/$/, ''),
);
/** `POST /x` → ['POST', '/x']; a plain path is a GET. */
const split = (route: string): [string, string] => (/^[A-Z]+ /.test(route) ? (route.split(' ') as [string, string]) : ['GET', route]);

test.describe('tenant isolation sweep', () => {
  test.describe.configure({ timeout: 180_000 });

  test('every page and route of a shop and its dashboard, as another shop’s customer and owner', async ({ browser }) => {
    expect(shopRoutes.length).toBeGreaterThanOrEqual(12);
    expect(dashboardRoutes.length).toBeGreaterThanOrEqual(12);

    // Atraxion gets a customer of its own, whose id and email ACME's people must never reach.
    const bCustomer = {
      name: 'Isa Sweep',
      email: uniqueEmail('sweep-b'),
      password: 'correct-horse-battery',
      companyName: 'Sweep Banden BV',
      vatNumber: 'BE0417497106',
      countryCode: 'BE',
    };
    let bCustomerId = '';
    let bProductSlug = '';
    const bOwner = await browser.newContext();
    try {
      const page = await bOwner.newPage();
      await register(page, B, bCustomer);
      await page.context().clearCookies();
      await signInToDashboard(page, B, '/dashboard/customers');
      const href = await page.locator('main').getByRole('link', { name: bCustomer.name }).first().getAttribute('href');
      bCustomerId = /\/dashboard\/customers\/([0-9a-f-]{36})/.exec(href ?? '')![1]!;
      await page.goto(shopUrl(B, '/products'));
      bProductSlug = /\/products\/([^/?#]+)/.exec((await page.locator('main a[href^="/products/"]').first().getAttribute('href')) ?? '')![1]!;
    } finally {
      await bOwner.close();
    }
    const B_PRIVATE = [new RegExp(bCustomer.email.replace(/[.]/g, '\\.')), /Isa Sweep/, /Sweep Banden/];

    const aCustomer = await cookieHeader(
      browser,
      async (page) => {
        await signIn(page, A, 'buyer@acme.test', 'storefleet-demo');
        await expect(page.getByTestId('account-link')).toContainText('Demo Garage');
      },
      A,
    );
    const aOwner = await cookieHeader(browser, (page) => signInToDashboard(page, A, '/dashboard'), A);
    expect(aCustomer).toMatch(/session-token/);
    expect(aOwner).toMatch(/session-token/);

    const bIds = { slug: bProductSlug, number: '1', id: bCustomerId, paymentId: '00000000-0000-4000-8000-000000000001', token: 'not-a-token' };
    const checked: string[] = [];

    // 1. A's sessions carried to B's host: B treats them as nobody.
    for (const [who, cookie] of [
      ['customer', aCustomer],
      ['owner', aOwner],
    ] as const) {
      for (const route of [...shopRoutes, ...dashboardRoutes]) {
        const [method, routePath] = split(route);
        const res = await get(shopUrl(B, fill(routePath, bIds)), cookie, method);
        const label = `${who} of ${A} on ${B}: ${route} → ${res.status} ${res.location}`;
        checked.push(label);
        expect(res.status, label).toBeLessThan(500);
        if (res.status >= 300 && res.status < 400) expect(res.location, label).toMatch(/\/(account|dashboard)\/sign-in/);
        for (const marker of [...A_MARKERS, ...B_PRIVATE]) expect(res.body, `${label} shows ${marker}`).not.toMatch(marker);
        expect(res.body, `${label} renders a signed-in dashboard`).not.toContain('data-testid="staff-name"');
        expect(res.body, `${label} renders an account`).not.toContain('data-testid="account-status"');
      }
    }

    // 2. A's own host asked for B's ids: nothing (404), never B's customer.
    for (const [who, cookie] of [
      ['customer', aCustomer],
      ['owner', aOwner],
    ] as const) {
      for (const route of [...shopRoutes, ...dashboardRoutes].filter((r) => /\[(id|paymentId)\]/.test(r))) {
        const [method, routePath] = split(route);
        const res = await get(shopUrl(A, fill(routePath, bIds)), cookie, method);
        const label = `${who} of ${A} on ${A} with ${B}'s ids: ${route} → ${res.status}`;
        checked.push(label);
        expect([404, 303, 307], label).toContain(res.status);
        for (const marker of B_PRIVATE) expect(res.body, `${label} shows ${marker}`).not.toMatch(marker);
      }
    }
    // The owner's own pages do work on the owner's own host, so the sweep above is not vacuous.
    const own = await get(shopUrl(A, '/dashboard/customers'), aOwner);
    expect(own.status).toBe(200);
    expect(own.body).toContain('Demo Garage');
    const ownAccount = await get(shopUrl(A, '/account'), aCustomer);
    expect(ownAccount.body).toContain('Demo Garage');
    expect(checked.length).toBeGreaterThan(2 * (shopRoutes.length + dashboardRoutes.length));
    if (process.env.SWEEP_DEBUG) console.log(checked.join('\n'));
  });
});
