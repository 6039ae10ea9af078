import { expect, test } from '@playwright/test';
import { E2E_PORT } from './support/hosts';
import { raw } from './support/raw-http';

// BigCorp's customer sign-in, which no other spec uses: this spec spends the loopback client's bucket there.
const HOST = `bigcorp.localhost:${E2E_PORT}`;

async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await raw({ path: '/api/auth/csrf', headers: { host: HOST } });
  const cookies = [response.headers['set-cookie'] ?? []].flat().map((line) => line.split(';')[0]!);
  return { token: (JSON.parse(response.body) as { csrfToken: string }).csrfToken, cookie: cookies.join('; ') };
}

test('a forged X-Forwarded-For does not give a client a fresh sign-in bucket on the production build', async () => {
  test.setTimeout(180_000);
  const { token, cookie } = await csrf();
  const attempt = async (i: number) => {
    const response = await raw({
      method: 'POST',
      path: '/api/auth/callback/credentials',
      headers: {
        host: HOST,
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': `203.0.113.${i % 250}`,
        'x-real-ip': `192.0.2.${i % 250}`,
        'x-storefleet-peer-address': `198.51.100.${i % 250}`,
      },
      body: new URLSearchParams({ csrfToken: token, email: `sprayed-${i}@example.test`, password: 'not the password', callbackUrl: '/' }).toString(),
    });
    expect(response.status).toBe(302);
    return String(response.headers.location);
  };
  const answers: string[] = [];
  for (let i = 0; i < 51; i++) answers.push(await attempt(i));
  // Fifty wrong passwords from one socket, each under another forged address: the fifty-first is refused.
  expect(answers.slice(0, 50).every((location) => location.includes('code=credentials'))).toBe(true);
  expect(answers[50]).toContain('code=rate_limited');
});
