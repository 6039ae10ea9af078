/**
 * Bind anywhere: the production build under `next start -H 127.0.0.1`, `-H 0.0.0.0` and `-H localhost`
 * (and `-H ::1` and this machine's own network address where it has them) serves every kind of host
 * (a shop's subdomain, its custom domain, the platform root, the console) with the right content, in a
 * normal time. Under `-H 127.0.0.1` every rewritten request used to be proxied by Next back to
 * `localhost` in an endless loop, a 500 after 30 s (lib/tenancy/rewrite-url.ts).
 */
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../bench/http';
import { startApp, type RunningApp } from './support/app';

/** Far below Next's 30 s proxy timeout, far above a cold render on a busy 2-core machine. */
const NORMAL_MS = 10_000;
const FIRST_PORT = Number(process.env.SCALE_BIND_PORT ?? 3410);

function canListen(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, address, () => probe.close(() => resolve(true)));
  });
}

/** This machine's first non-loopback IPv4 address: a container's `-H <its address>`. */
const ownAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((info) => info?.family === 'IPv4' && !info.internal)?.address;

const binds: { name: string; bind: string }[] = [
  { name: 'bind-127.0.0.1', bind: '127.0.0.1' },
  { name: 'bind-0.0.0.0', bind: '0.0.0.0' },
  { name: 'bind-localhost', bind: 'localhost' },
  ...((await canListen('::1')) ? [{ name: 'bind-ipv6-loopback', bind: '::1' }] : []),
  ...(ownAddress && (await canListen(ownAddress)) ? [{ name: 'bind-own-address', bind: ownAddress }] : []),
];

/**
 * The host Next.js sends its own second requests to (an action's redirect, rendered in a request to
 * `__NEXT_PRIVATE_ORIGIN`): `localhost` for a wildcard IPv4 bind, `[::1]` for `::`, else the bind itself.
 */
function nextOwnHost(bind: string, port: number): string {
  const host = bind === '0.0.0.0' ? 'localhost' : bind === '::' ? '[::1]' : net.isIPv6(bind) ? `[${bind}]` : bind;
  return `${host}:${port}`;
}

describe.each(binds)('next start -H $bind', ({ name, bind }) => {
  let app: RunningApp;
  let productPath: string | undefined;
  const at = (sub: string | null) => `${sub ? `${sub}.` : ''}localhost:${app.port}`;

  beforeAll(async () => {
    app = await startApp({ name, bind, port: FIRST_PORT });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** One GET that must answer within NORMAL_MS; a timeout or socket error fails with the server's log. */
  async function get(host: string, path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    try {
      return await app.request({ host, path, headers: { accept: 'text/html', ...headers }, timeoutMs: NORMAL_MS });
    } catch (error) {
      throw new Error(`GET http://${host}${path} on ${bind}: ${String(error)}\n--- server log ---\n${app.logTail()}`);
    }
  }

  const expectPage = (res: HttpResponse, status: number, text: string) => {
    expect({ status: res.status, hasText: res.body.includes(text) }, res.body.slice(0, 300)).toEqual({ status, hasText: true });
  };

  it('answers the health check (not rewritten)', async () => {
    const res = await get(at('acme'), '/api/health');
    expect(res.status).toBe(200);
  });

  it('serves a shop on its subdomain', async () => {
    expectPage(await get(at('acme'), '/'), 200, 'ACME Wheels');
  });

  it('serves a product listing from the render cache and a product page', async () => {
    const listing = await get(at('acme'), '/products');
    expect(listing.status).toBe(200);
    productPath = /href="(\/products\/[^"?#]+)"/.exec(listing.body)?.[1];
    expect(productPath, 'a product link on the listing').toBeDefined();
    expectPage(await get(at('acme'), productPath!), 200, 'ACME Wheels');
  });

  it('serves a search, rendered per request', async () => {
    expectPage(await get(at('acme'), '/products?q=michelin'), 200, 'ACME Wheels');
  });

  it('serves each shop its own content', async () => {
    const other = await get(at('atraxion'), '/');
    expectPage(other, 200, 'Atraxion');
    expect(other.body).not.toContain('ACME Wheels');
  });

  it('serves a shop on its custom domain', async () => {
    expectPage(await get(`shop.acmewheels.test:${app.port}`, '/'), 200, 'ACME Wheels');
  });

  it('serves the platform root, the console and a shop’s dashboard', async () => {
    expectPage(await get(at(null), '/'), 200, 'White-label tyre and wheel webshops');
    expectPage(await get(at('admin'), '/sign-in'), 200, 'Platform console');
    const signedOut = await get(at('admin'), '/');
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers.location).toMatch(/^\/sign-in\?/);
    expect((await get(at('acme'), '/dashboard/sign-in')).status).toBe(200);
  });

  it('serves a client-side navigation (an RSC request with `_rsc`)', async () => {
    const rsc = { rsc: '1', accept: 'text/x-component' };
    let res = await get(at('acme'), `${productPath ?? '/products'}?_rsc=scale1`, rsc);
    // Next sends a client with the wrong cache-busting hash to the right one, on the public address.
    if (res.status === 307) {
      expect(res.headers.location).toMatch(new RegExp(`^${productPath ?? '/products'}\\?_rsc(=|$)`));
      res = await get(at('acme'), String(res.headers.location), rsc);
    }
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/x-component');
  });

  it('serves a request from a TLS-terminating proxy (X-Forwarded-Proto: https)', async () => {
    expectPage(await get(at('acme'), '/', { 'x-forwarded-proto': 'https' }), 200, 'ACME Wheels');
  });

  it('serves Next’s own second request to the server’s origin with the visitor’s host in X-Forwarded-Host', async () => {
    expectPage(await get(nextOwnHost(bind, app.port), '/', { 'x-forwarded-host': at('acme') }), 200, 'ACME Wheels');
  });
});
