import { test, expect } from '@playwright/test';
import { E2E_PORT } from './support/hosts';
import { raw } from './support/raw-http';

/**
 * The workflow endpoint on the production build, synced by the test executor (dev mode, as in every
 * browser test): whatever Host, forwarded headers or query a stranger's sync carries, the engine is told
 * the configured address. Production mode (signatures required, no signing key) is proven against the
 * real route in tests/workflow-endpoint.test.ts.
 */
const ENGINE = `http://127.0.0.1:${process.env.E2E_INNGEST_PORT ?? 3198}`;
/** Each pool's endpoint, as configured: the shared pool's and the premium pool's (the default mapping). */
const CONFIGURED = [`http://localhost:${E2E_PORT}/api/inngest?`, `http://localhost:${E2E_PORT}/api/inngest/premium?`];

async function registeredStepUrls(): Promise<string[]> {
  const state = (await (await fetch(`${ENGINE}/test/state`)).json()) as { functions: { stepUrl: string }[] };
  return state.functions.map((fn) => fn.stepUrl);
}

test.describe('workflow endpoint', () => {
  test.skip(
    process.env.E2E_ENGINE === 'inngest-dev-server',
    'reads what the engine double registered (GET /test/state), which the real Dev Server does not offer',
  );
  test.afterAll(async () => {
    // Leaves the executor synced as the server script synced it, whatever happened above.
    for (const path of ['/api/inngest', '/api/inngest/premium']) await raw({ method: 'PUT', path, headers: { host: `localhost:${E2E_PORT}` } });
  });

  test('a sync with a forged Host, forwarded headers or query registers the configured address only', async () => {
    const forged: Record<string, string>[] = [
      { host: 'evil.example' },
      { host: `acme.localhost:${E2E_PORT}` },
      { host: 'evil.example:9999', 'x-forwarded-proto': 'https' },
    ];
    for (const path of ['/api/inngest', '/api/inngest/premium']) {
      for (const headers of forged) {
        const res = await raw({ method: 'PUT', path: `${path}?probe=trust&deployId=x`, headers });
        expect(res.status, `${path} ${headers.host}`).toBeLessThan(500);
        const urls = await registeredStepUrls();
        expect(urls.some((url) => url.startsWith(CONFIGURED[0]!))).toBe(true);
        expect(urls.some((url) => url.startsWith(CONFIGURED[1]!))).toBe(true);
        for (const url of urls) {
          expect(
            CONFIGURED.some((endpoint) => url.startsWith(endpoint)),
            url,
          ).toBe(true);
          expect(new URL(url).searchParams.get('probe'), url).toBeNull();
        }
      }
    }
  });

  test('the endpoint never answers 500 to a stranger', async () => {
    for (const path of ['/api/inngest', '/api/inngest/premium', '/api/inngest/no-such-pool', '/api/inngest/shared']) {
      for (const method of ['GET', 'POST', 'PUT']) {
        const res = await raw({
          method,
          path: `${path}?fnId=nope&stepId=step`,
          headers: { host: 'evil.example', 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{"not":"a run"',
        });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });
});
