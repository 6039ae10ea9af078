import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signWorkflowRequest } from '@/inngest/sign-request';

/**
 * The workflow endpoint as Next calls it, with the engine played by a capture server: what the app would
 * register (URL, key) is read from the engine's side, so a forged Host or query is caught where it matters.
 */
interface Registration {
  url: string;
  authorization: string | undefined;
}
const registrations: Registration[] = [];
let engine: Server;
let route: typeof import('@/app/api/inngest/route');

const SIGNING_KEY = 'signkey-prod-0123456789abcdef0123456789abcdef';
const CONFIGURED = 'https://storefleet.test/api/inngest';

function captureRegistration(headers: IncomingHttpHeaders, raw: string) {
  const body = JSON.parse(raw) as { url: string };
  registrations.push({ url: body.url, authorization: headers.authorization });
}

async function call(method: 'GET' | 'POST' | 'PUT', options: { host?: string; query?: string; headers?: Record<string, string>; body?: string } = {}) {
  const host = options.host ?? 'attacker.example';
  const request = new Request(`http://${host}/api/inngest${options.query ?? ''}`, {
    method,
    headers: { host, 'content-type': 'application/json', ...options.headers },
    body: options.body,
  });
  const response = await route[method](request as NextRequest, { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

beforeAll(async () => {
  engine = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.startsWith('/fn/register')) captureRegistration(req.headers, raw);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 200, modified: true }));
    });
  });
  await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
  const engineUrl = `http://127.0.0.1:${(engine.address() as AddressInfo).port}`;
  vi.stubEnv('PLATFORM_ROOT_DOMAIN', 'storefleet.test');
  vi.stubEnv('PUBLIC_URL_SCHEME', 'https');
  vi.stubEnv('PUBLIC_PORT', '');
  vi.stubEnv('INNGEST_BASE_URL', engineUrl);
  vi.stubEnv('INNGEST_API_BASE_URL', engineUrl);
  route = await import('@/app/api/inngest/route');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => engine.close(resolve));
});

beforeEach(() => {
  registrations.length = 0;
});

describe('dev mode (a Dev Server or the test executor)', () => {
  beforeEach(() => {
    vi.stubEnv('INNGEST_DEV', '1');
    vi.stubEnv('INNGEST_SIGNING_KEY', '');
  });

  it('registers the configured address whatever Host and query the sync came with', async () => {
    const response = await call('PUT', { host: 'attacker.example:8443', query: '?probe=trust&fnId=x' });
    expect(response.status).toBe(200);
    expect(registrations.map((r) => r.url)).toEqual([CONFIGURED]);
    const forwarded = await call('PUT', { headers: { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' } });
    expect(forwarded.status).toBe(200);
    expect(registrations.map((r) => r.url)).toEqual([CONFIGURED, CONFIGURED]);
  });

  it('never answers 500 to a body that is no run', async () => {
    for (const body of ['{"not":"a run"', '{}', '[]', 'null', '"x"']) {
      for (const query of ['', '?fnId=nope&stepId=step', '?fnId=storefleet-order-workflow&stepId=step']) {
        const response = await call('POST', { query, body });
        expect(response.status, `${query} ${body}`).toBeLessThan(500);
      }
    }
  });

  it('registers no part of a sync’s query', async () => {
    await call('PUT', { query: '?deployId=d1&probe=trust&stepId=x' });
    expect(registrations.map((r) => r.url)).toEqual([CONFIGURED]);
  });
});

describe('production (cloud mode)', () => {
  beforeEach(() => {
    vi.stubEnv('INNGEST_DEV', '');
    vi.stubEnv('INNGEST_SIGNING_KEY', SIGNING_KEY);
  });

  it('refuses an unsigned sync with a stable code and registers nothing', async () => {
    const response = await call('PUT');
    expect(response).toEqual({ status: 401, body: { code: 'WORKFLOW_SIGNATURE_REQUIRED', message: expect.any(String) } });
    expect(registrations).toEqual([]);
  });

  it('refuses unsigned runs and introspection the same way', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await call(method, { query: '?fnId=storefleet-order-workflow&stepId=step', body: method === 'POST' ? '{}' : undefined });
      expect(response.status, method).toBe(401);
      expect(response.body.code, method).toBe('WORKFLOW_SIGNATURE_REQUIRED');
    }
  });

  it('refuses a sync signed with another key or an old timestamp', async () => {
    const forged = await call('PUT', { headers: { 'x-inngest-signature': signWorkflowRequest('', 'signkey-prod-ffffffffffffffff') } });
    expect(forged.status).toBe(401);
    const stale = await call('PUT', { headers: { 'x-inngest-signature': signWorkflowRequest('', SIGNING_KEY, Date.now() - 10 * 60_000) } });
    expect(stale.status).toBe(401);
    expect(registrations).toEqual([]);
  });

  it('takes the operator’s signed sync and registers the configured address, not the Host', async () => {
    const response = await call('PUT', { host: 'attacker.example', headers: { 'x-inngest-signature': signWorkflowRequest('', SIGNING_KEY) } });
    expect(response.status).toBe(200);
    expect(registrations).toHaveLength(1);
    expect(registrations[0]?.url).toBe(CONFIGURED);
    expect(registrations[0]?.authorization).toMatch(/^Bearer signkey-prod-[0-9a-f]{64}$/);
  });

  it('answers every method with 503 WORKFLOW_NOT_CONFIGURED, never a 500, without a signing key', async () => {
    vi.stubEnv('INNGEST_SIGNING_KEY', '');
    for (const method of ['GET', 'POST', 'PUT'] as const) {
      const response = await call(method, { body: method === 'POST' ? '{}' : undefined });
      expect(response.status, method).toBe(503);
      expect(response.body.code, method).toBe('WORKFLOW_NOT_CONFIGURED');
    }
    expect(registrations).toEqual([]);
  });
});
