import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tenants, type Tenant } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { listSentEmails } from '@/lib/email/list-sent-emails';
import { sendTenantEmail } from '@/lib/email/send-tenant-email';
import { startEmailCaptureServer, type EmailCaptureServer, type ResendEmailBody } from './support/email-capture-server';
import { createTestDatabases, platformDb, type TestDatabases } from './support/test-database';

let dbs: TestDatabases;
let capture: EmailCaptureServer;
let acme: Tenant;
let beta: Tenant;
const ENV_KEYS = ['RESEND_API_KEY', 'RESEND_BASE_URL', 'EMAIL_DOMAIN', 'EMAIL_SEND_TIMEOUT_MS'] as const;
let savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>>;

beforeAll(async () => {
  dbs = await createTestDatabases();
  const db = await platformDb(dbs.registry);
  [acme, beta] = (await db
    .insert(tenants)
    .values([
      { subdomain: 'acme', name: 'ACME Wheels', primaryColor: '#b91c1c', accentColor: '#111827', fromEmailAddress: 'info@acme.storefleet.test' },
      { subdomain: 'beta', name: 'Beta Banden', primaryColor: '#0b3d91', accentColor: '#f5a623', fromEmailAddress: 'info@beta.storefleet.test' },
    ])
    .returning()) as [Tenant, Tenant];
  capture = await startEmailCaptureServer();
});

afterAll(async () => {
  await capture?.close();
  await dbs?.cleanup();
});

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  process.env.RESEND_API_KEY = 're_test_x';
  process.env.RESEND_BASE_URL = capture.url;
  process.env.EMAIL_DOMAIN = 'storefleet.test';
  capture.requests.length = 0;
  capture.messages.length = 0;
});

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

function activeEmail(key: string, to = 'sam@example.com') {
  return { template: 'account-active', to, idempotencyKey: key, props: { customerName: 'Sam', signInUrl: 'https://acme.storefleet.test/sign-in' } } as const;
}

describe('sending tenant email through Resend', () => {
  it('delivers a branded email from the shop’s own address, through the real SDK', async () => {
    const result = await sendTenantEmail(acme, activeEmail('welcome:1'));
    expect(result.status).toBe('sent');
    expect(capture.messages).toHaveLength(1);
    const request = capture.messages[0]!;
    const body = request.body as ResendEmailBody;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/emails');
    expect(request.headers.authorization).toBe('Bearer re_test_x');
    expect(request.headers['idempotency-key']).toBe(`${acme.id}:welcome:1`);
    expect(body.from).toBe('"ACME Wheels" <info@acme.storefleet.test>');
    expect(body.reply_to).toBe('info@acme.storefleet.test');
    expect(body.to).toBe('sam@example.com');
    expect(body.subject).toBe('Welcome to ACME Wheels');
    expect(body.html).toContain('ACME Wheels');
    expect(body.html).toContain('#b91c1c');
    expect(body.text).toContain('https://acme.storefleet.test/sign-in');

    const [logged] = await listSentEmails(acme.id, { limit: 1 });
    expect(logged).toMatchObject({ id: result.id, transport: 'resend', subject: 'Welcome to ACME Wheels', toAddress: 'sam@example.com' });
    expect(logged?.providerMessageId).toBe(result.providerMessageId);
    expect(logged?.providerMessageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('mails once when the same step runs twice', async () => {
    const first = await sendTenantEmail(acme, activeEmail('welcome:twice'));
    const second = await sendTenantEmail(acme, activeEmail('welcome:twice'));
    expect(first.status).toBe('sent');
    expect(second).toEqual({ status: 'duplicate', id: first.id, providerMessageId: first.providerMessageId });
    expect(capture.requests).toHaveLength(1);
  });

  it('mails once when two attempts race', async () => {
    const results = await Promise.all([sendTenantEmail(acme, activeEmail('welcome:race')), sendTenantEmail(acme, activeEmail('welcome:race'))]);
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'sent']);
    expect(capture.messages).toHaveLength(1);
  });

  it('fails on a provider error so the step retries, and the retry sends exactly once', async () => {
    capture.failNext(1);
    const error = await sendTenantEmail(acme, activeEmail('welcome:retry')).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect((error as { details?: Record<string, unknown> }).details).toMatchObject({ provider: 'resend', statusCode: 500, retryable: true });
    expect(String(error)).not.toContain('re_test_x');
    expect(capture.messages).toHaveLength(0);
    expect((await listSentEmails(acme.id)).some((e) => e.idempotencyKey === 'welcome:retry')).toBe(false);

    const retry = await sendTenantEmail(acme, activeEmail('welcome:retry'));
    expect(retry.status).toBe('sent');
    const again = await sendTenantEmail(acme, activeEmail('welcome:retry'));
    expect(again.status).toBe('duplicate');
    expect(capture.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('gives up on an answer that does not come (retryable), and the retry delivers nothing twice', async () => {
    process.env.EMAIL_SEND_TIMEOUT_MS = '300';
    // Resend takes the message, but its answer arrives long after the send gave up on it.
    capture.hangNext(1, 5_000);
    const started = Date.now();
    const error = await sendTenantEmail(acme, activeEmail('welcome:timeout')).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(isAppError(error)).toBe(true);
    expect((error as { details?: Record<string, unknown> }).details).toMatchObject({
      provider: 'resend',
      errorName: 'timeout',
      statusCode: null,
      retryable: true,
    });
    expect(String(error)).not.toContain('re_test_x');
    expect(capture.messages).toHaveLength(1);
    expect((await listSentEmails(acme.id)).some((e) => e.idempotencyKey === 'welcome:timeout')).toBe(false);

    const retry = await sendTenantEmail(acme, activeEmail('welcome:timeout'));
    expect(retry.status).toBe('sent');
    // The same message, not a second one: Resend answers the repeated key with the first message's id.
    expect(retry.providerMessageId).toBe(capture.messages[0]!.messageId);
    expect(capture.messages).toHaveLength(1);
    expect(capture.requests.map((r) => [r.status, r.replayed ?? false, r.headers['idempotency-key']])).toEqual([
      [200, false, `${acme.id}:welcome:timeout`],
      [200, true, `${acme.id}:welcome:timeout`],
    ]);
  });

  it('refuses a send timeout that is not a sane number of milliseconds before sending anything', async () => {
    process.env.EMAIL_SEND_TIMEOUT_MS = '15 seconds';
    const error = await sendTenantEmail(acme, activeEmail('welcome:bad-timeout')).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/EMAIL_SEND_TIMEOUT_MS must be a whole number/);
    expect(capture.requests).toHaveLength(0);
    expect((await listSentEmails(acme.id)).some((e) => e.idempotencyKey === 'welcome:bad-timeout')).toBe(false);
  });

  it('refuses an invalid recipient before anything is recorded or sent', async () => {
    const error = await sendTenantEmail(acme, activeEmail('welcome:bad', 'not-an-address')).catch((e: unknown) => e);
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(capture.requests).toHaveLength(0);
  });
});

describe('without RESEND_API_KEY', () => {
  it('records the email for the development viewer and sends nothing', async () => {
    delete process.env.RESEND_API_KEY;
    const result = await sendTenantEmail(beta, {
      template: 'password-reset',
      to: 'lee@example.com',
      idempotencyKey: 'reset:1',
      props: { customerName: 'Lee', resetUrl: 'https://beta.storefleet.test/reset-password?token=t1', expiresInMinutes: 30 },
    });
    expect(result).toMatchObject({ status: 'logged', providerMessageId: null });
    expect(capture.requests).toHaveLength(0);
    const [entry] = await listSentEmails(beta.id);
    expect(entry).toMatchObject({
      id: result.id,
      transport: 'log',
      toAddress: 'lee@example.com',
      fromAddress: '"Beta Banden" <info@beta.storefleet.test>',
      replyTo: 'info@beta.storefleet.test',
      subject: 'Reset your password at Beta Banden',
    });
    expect(entry?.html).toContain('#0b3d91');
    expect(entry?.textBody).toContain('https://beta.storefleet.test/reset-password?token=t1');
    expect((await sendTenantEmail(beta, { ...activeEmail('reset:1'), template: 'account-active' })).status).toBe('duplicate');
  });
});

describe('tenant isolation of the email log', () => {
  it("never lists one shop's emails at another", async () => {
    await sendTenantEmail(acme, activeEmail('isolation:acme-only', 'acme-customer@example.com'));
    const seenByBeta = await listSentEmails(beta.id, { limit: 200 });
    const seenByAcme = await listSentEmails(acme.id, { limit: 200 });
    expect(seenByBeta.some((e) => e.toAddress === 'acme-customer@example.com')).toBe(false);
    expect(seenByBeta.every((e) => e.fromAddress.includes('@beta.'))).toBe(true);
    expect(seenByAcme.some((e) => e.toAddress === 'acme-customer@example.com')).toBe(true);
    expect(seenByAcme.every((e) => e.fromAddress.includes('@acme.'))).toBe(true);
  });

  it('treats the same idempotency key at two shops as two emails', async () => {
    const atAcme = await sendTenantEmail(acme, activeEmail('order:1001'));
    const atBeta = await sendTenantEmail(beta, activeEmail('order:1001'));
    expect([atAcme.status, atBeta.status]).toEqual(['sent', 'sent']);
    expect(capture.messages.map((m) => (m.body as ResendEmailBody).from)).toEqual([
      '"ACME Wheels" <info@acme.storefleet.test>',
      '"Beta Banden" <info@beta.storefleet.test>',
    ]);
    // Scoped per tenant at the provider as well, where keys are unique per account, not per shop.
    expect(new Set(capture.messages.map((m) => m.headers['idempotency-key'])).size).toBe(2);
  });
});
