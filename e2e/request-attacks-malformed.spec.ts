import { test, expect } from '@playwright/test';
import { ACME_CUSTOM_DOMAIN, E2E_PORT, shopUrl } from './support/hosts';
import { chunkedRequest, rawRequest, sendRaw, type SocketAnswer } from './support/raw-socket';

/**
 * Malformed requests, written byte for byte to the production build: broken %-escapes, methods nobody
 * serves, return addresses Auth.js cannot parse, bodies Next.js cannot decode, bodies too large with or
 * without Content-Length. Each gets a clean 4xx with a stable code, never a 500, on every kind of host.
 */
const HOSTS = {
  platform: `localhost:${E2E_PORT}`,
  console: `admin.localhost:${E2E_PORT}`,
  shop: `acme.localhost:${E2E_PORT}`,
  'custom domain': `${ACME_CUSTOM_DOMAIN}:${E2E_PORT}`,
};
const acme = HOSTS.shop;
const sameSite = { Origin: `http://${acme}` };

function codeOf(answer: SocketAnswer): string | undefined {
  try {
    return (JSON.parse(answer.body) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** A real server action of the page (its id from the form's hidden fields), so Next.js really decodes the body. */
async function actionIdOn(path: string): Promise<string> {
  const page = await rawRequest('GET', path, acme);
  const id = /(?:\$ACTION_ID_|&quot;id&quot;:&quot;)([0-9a-f]{42})/.exec(page.body)?.[1];
  expect(id, `an action on ${path}`).toBeTruthy();
  return id!;
}

test.describe('malformed requests', () => {
  test('a broken %-escape in any path segment is a 400, on every host', async () => {
    const paths = [
      '/products/%ff',
      '/%c0',
      '/products/%E0%A4%A',
      '/account/orders/%ff',
      '/pay/sandbox/%ff',
      '/dashboard/orders/%ff',
      '/dashboard/customers/%zz',
      '/dashboard/invite/%ff',
      '/tenants/%ff',
      '/catalog/articles/%ff',
      '/api/tenant-assets/%ff/logo',
      '/api/tenant-assets/x/%ff',
      '/api/auth/%ff',
      '/api/staff-auth/%ff',
      '/api/admin-auth/%ff',
      '/api/webhooks/payments/%ff',
    ];
    for (const [kind, host] of Object.entries(HOSTS)) {
      for (const path of paths) {
        const answer = await rawRequest('GET', path, host);
        expect(answer.status, `${kind} ${path}`).toBe(400);
        expect(codeOf(answer), `${kind} ${path}`).toBe('BAD_REQUEST');
      }
      // Framework assets are served by Next.js itself: a broken escape there is its plain 404.
      for (const path of ['/_next/static/%ff', '/_next/static/chunks/%c0.js', '/fonts/%ff']) {
        const answer = await rawRequest('GET', path, host);
        expect(answer.status, `${kind} ${path}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${kind} ${path}`).toBeLessThan(500);
      }
    }
  });

  test('methods nobody serves are a 405 with Allow, on every host and path', async () => {
    for (const [kind, host] of Object.entries(HOSTS)) {
      for (const path of ['/', '/products', '/cart', '/dashboard/orders', '/account/sign-in']) {
        for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'SEARCH', 'PURGE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACK', 'BREW', 'X-GARBAGE']) {
          const answer = await rawRequest(method, path, host);
          expect(answer.status, `${kind} ${method} ${path}`).toBe(405);
          expect(answer.head, `${kind} ${method} ${path}`).toMatch(/^Allow: GET, HEAD, POST$/im);
          expect(codeOf(answer), `${kind} ${method} ${path}`).toBe('METHOD_NOT_ALLOWED');
        }
      }
      const connect = await rawRequest('CONNECT', host, host);
      expect(connect.status, `${kind} CONNECT`).toBe(405);
      expect(connect.head).toMatch(/^Allow: /im);
    }
    for (const [method, path, allow] of [
      ['PUT', '/api/webhooks/payments/sandbox', 'POST, OPTIONS'],
      ['PROPFIND', '/api/health', 'GET, HEAD, OPTIONS'],
      ['TRACE', '/api/auth/session', null],
      ['DELETE', '/api/tenant-assets/x/logo', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const answer = await rawRequest(method, path, acme);
      expect(answer.status, `${method} ${path}`).toBe(405);
      if (allow) expect(answer.head, `${method} ${path}`).toMatch(new RegExp(`^Allow: ${allow}$`, 'im'));
    }
  });

  test('a return address with any character is a page or a clean 400, never a 500', async ({ page }) => {
    const values = ['/%C3%A9', '/%F0%9F%98%80', '/%ED%A0%80', '/%E2%80%AE', '/%ff', '%ff', '%C3%A9', '/%0d%0aSet-Cookie:x=1', 'https://evil.example/%ff'];
    for (const path of ['/account/sign-in', '/dashboard/sign-in']) {
      for (const value of values) {
        const answer = await rawRequest('GET', `${path}?callbackUrl=${value}`, acme);
        expect(answer.status, `${path} ${value}`).toBe(200);
      }
    }
    for (const value of values) {
      const answer = await rawRequest('GET', `/sign-in?callbackUrl=${value}`, HOSTS.console);
      expect(answer.status, `console ${value}`).toBe(200);
    }
    for (const base of ['/api/auth', '/api/staff-auth', '/api/admin-auth']) {
      for (const endpoint of ['signin', 'signout', 'csrf', 'providers', 'session', 'error']) {
        for (const value of values) {
          const query = await rawRequest('GET', `${base}/${endpoint}?callbackUrl=${value}`, acme);
          expect(query.status, `${base}/${endpoint} ${value}`).toBeLessThan(500);
          const cookie = await rawRequest('GET', `${base}/${endpoint}`, acme, {
            Cookie: `authjs.callback-url=${value}; storefleet-staff.callback-url=${value}; storefleet-admin.callback-url=${value}`,
          });
          expect(cookie.status, `${base}/${endpoint} cookie ${value}`).toBeLessThan(500);
        }
        const bad = await rawRequest('GET', `${base}/${endpoint}?callbackUrl=%ff`, acme);
        expect(bad.status, `${base}/${endpoint}`).toBe(400);
        expect(codeOf(bad)).toBe('BAD_REQUEST');
      }
    }
    // And a buyer who signs in from such a link lands where it pointed, the characters as they were.
    await page.goto(shopUrl('acme', '/account/sign-in?callbackUrl=/products%3Fq%3D%C3%A9%F0%9F%98%80'));
    await page.locator('main').getByLabel('Email address').fill('buyer@acme.test');
    await page.locator('main').getByLabel('Password').fill('storefleet-demo');
    await page.locator('main').getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('account-link')).toContainText('Demo Garage');
    expect(new URL(page.url()).searchParams.get('q')).toBe('é😀');
  });

  test('multipart and action bodies Next.js cannot decode are a 400, on pages, sign-in forms and actions', async () => {
    const signIn = await actionIdOn('/account/sign-in');
    const bodies: Array<[string, string]> = [
      ['multipart/form-data', 'abc'],
      ['multipart/form-data; boundary=XX', 'junk junk'],
      ['multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
      ['multipart/form-data; boundary=XX', '--XX\r\nGarbage\r\n\r\nvalue\r\n--XX--\r\n'],
      ['multipart/form-data; boundary=', '----\r\n'],
    ];
    for (const path of ['/', '/products', '/cart', '/account/sign-in', '/account/register', '/dashboard/sign-in', '/dashboard/branding']) {
      for (const [type, body] of bodies) {
        for (const action of [undefined, signIn, 'junk']) {
          const answer = await rawRequest('POST', path, acme, { ...sameSite, 'Content-Type': type, ...(action ? { 'Next-Action': action } : {}) }, body);
          expect(answer.status, `${path} ${type} ${body} ${action}`).toBe(400);
          expect(codeOf(answer)).toBe('BAD_REQUEST');
        }
      }
    }
    const form = (root: string) =>
      `--XX\r\nContent-Disposition: form-data; name="1_email"\r\n\r\nx@y.test\r\n--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\n${root}\r\n--XX--\r\n`;
    for (const [type, body] of [
      ['text/plain;charset=UTF-8', 'junk'],
      ['text/plain;charset=UTF-8', ''],
      ['text/plain;charset=UTF-8', '["$undefined",{"a":"$Q1"}]'],
      ['text/plain;charset=UTF-8', '['.repeat(5_000)],
      ['application/json', '{bad'],
      ['multipart/form-data; boundary=XX', form('["$undefined",5]')],
      ['multipart/form-data; boundary=XX', form('nope')],
    ] as Array<[string, string]>) {
      const answer = await rawRequest('POST', '/account/sign-in', acme, { ...sameSite, 'Content-Type': type, 'Next-Action': signIn }, body);
      expect(answer.status, `${type} ${body.slice(0, 40)}`).toBe(400);
    }
    // Sign-in endpoints of Auth.js parse their own bodies: junk there is a 4xx too.
    for (const path of [
      '/api/auth/callback/credentials',
      '/api/staff-auth/callback/staff-credentials',
      '/api/admin-auth/callback/admin-credentials',
      '/api/auth/signout',
    ]) {
      for (const [type, body] of [...bodies, ['application/x-www-form-urlencoded', 'csrfToken=%&a=%ff'], ['application/json', '{bad']] as Array<
        [string, string]
      >) {
        const answer = await rawRequest('POST', path, acme, { 'Content-Type': type }, body);
        expect(answer.status, `${path} ${type}`).toBeGreaterThanOrEqual(300);
        expect(answer.status, `${path} ${type}`).toBeLessThan(500);
      }
    }
  });

  test('an action body over Next.js’s limit is a 413, with a Content-Length or without one', async () => {
    const addToCart = await actionIdOn('/account/sign-in');
    const declared = await rawRequest(
      'POST',
      '/cart',
      acme,
      { ...sameSite, 'Next-Action': addToCart, 'Content-Type': 'text/plain;charset=UTF-8' },
      Buffer.alloc(2_200_000, 'a'),
    );
    expect(declared.status).toBe(413);
    expect(codeOf(declared)).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a chunked 10 MB body is cut off at its limit and refused with 413, on every kind of route', async () => {
    const routes: Array<[string, Record<string, string>]> = [
      ['/cart', { ...sameSite, 'Next-Action': await actionIdOn('/account/sign-in'), 'Content-Type': 'multipart/form-data; boundary=XX' }],
      ['/account/sign-in', { ...sameSite, 'Content-Type': 'multipart/form-data; boundary=XX' }],
      ['/dashboard/branding', { ...sameSite, 'Next-Action': 'a'.repeat(42), 'Content-Type': 'multipart/form-data; boundary=XX' }],
      ['/dashboard/prices', { ...sameSite, 'Next-Action': 'a'.repeat(42), 'Content-Type': 'multipart/form-data; boundary=XX' }],
      ['/dashboard/assortment/count', { ...sameSite, 'Content-Type': 'application/json' }],
      ['/api/webhooks/payments/sandbox', { 'Content-Type': 'application/json' }],
      ['/api/auth/callback/credentials', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['/api/staff-auth/callback/staff-credentials', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['/products', {}],
    ];
    for (const [path, headers] of routes) {
      const answer = await chunkedRequest('POST', path, acme, headers, 10_000_000);
      expect(answer.status, path).toBe(413);
      expect(codeOf(answer), path).toBe('PAYLOAD_TOO_LARGE');
    }
    const console = await chunkedRequest(
      'POST',
      '/catalog/import',
      HOSTS.console,
      { Origin: `http://${HOSTS.console}`, 'Next-Action': 'a'.repeat(42), 'Content-Type': 'multipart/form-data; boundary=XX' },
      10_000_000,
    );
    expect(console.status).toBe(413);
    // A chunked body within the limit still gets through to its route.
    const small = await sendRaw(
      `POST /api/webhooks/payments/sandbox HTTP/1.1\r\nHost: ${acme}\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{bad \r\n0\r\n\r\n`,
    );
    expect(small.status).toBeGreaterThanOrEqual(400);
    expect(small.status).not.toBe(413);
    expect(small.status).toBeLessThan(500);
    // And the server is still there.
    expect((await rawRequest('GET', '/', acme)).status).toBe(200);
  });
});
