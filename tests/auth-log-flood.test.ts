import { Writable } from 'node:stream';
import { NextRequest } from 'next/server';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminHandlers } from '@/lib/auth/admin-auth';
import { handlers } from '@/lib/auth/auth';
import { createAuthLogger } from '@/lib/auth/auth-logger';
import { staffHandlers } from '@/lib/auth/staff-auth';
import { log } from '@/lib/log';
import { createLogThrottle } from '@/lib/log-throttle';

/**
 * A forged or stale session cookie, replayed in a burst against each kind of session, is one quiet
 * info line (no stack, no error level) per client and interval: nobody can flood the log with it.
 */
const KINDS = [
  { session: 'customer', handler: handlers.GET, url: 'http://acme.localhost/api/auth/session', cookie: 'authjs.session-token' },
  { session: 'staff', handler: staffHandlers.GET, url: 'http://acme.localhost/api/staff-auth/session', cookie: 'storefleet-staff.session-token' },
  { session: 'admin', handler: adminHandlers.GET, url: 'http://admin.localhost/api/admin-auth/session', cookie: 'storefleet-admin.session-token' },
];
const GARBAGE = ['garbage', 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAAA.BBBB.CCCC', 'x'.repeat(3000), '%ff%00'];
const flush = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => vi.restoreAllMocks());

describe('garbage session cookies', () => {
  for (const kind of KINDS) {
    it(`${kind.session}: a burst of them is one info line without a stack`, async () => {
      const info = vi.spyOn(log, 'info');
      const error = vi.spyOn(log, 'error');
      for (let i = 0; i < 40; i++) {
        const value = GARBAGE[i % GARBAGE.length]!;
        const response = await kind.handler(new NextRequest(kind.url, { headers: { cookie: `${kind.cookie}=${value}` } }));
        expect(response.status).toBeLessThan(500);
      }
      await flush();
      expect(error).not.toHaveBeenCalled();
      const lines = info.mock.calls.filter(([fields]) => (fields as { event?: string }).event === 'auth_client_error');
      expect(lines).toHaveLength(1);
      expect(lines[0]?.[0]).toEqual({ event: 'auth_client_error', session: kind.session, type: 'JWTSessionError' });
    });
  }
});

describe('the auth logger as written by pino', () => {
  it('writes level 30 without err or stack, and reports how many lines it held back', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    let now = 0;
    const throttle = createLogThrottle({ intervalMs: 60_000, maxKeys: 100 });
    const logger = createAuthLogger('staff', sink, { admit: (key) => throttle.admit(key, now) });
    const jwtError = Object.assign(new Error('Invalid Compact JWE'), { type: 'JWTSessionError' });
    for (let i = 0; i < 500; i++) logger.error!(jwtError);
    await flush();
    now = 60_000;
    logger.error!(jwtError);
    await flush();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.level).toBe(30);
      expect(line).not.toHaveProperty('err');
      expect(JSON.stringify(line)).not.toMatch(/stack|at .*\.js/);
    }
    expect(lines[1]).toMatchObject({ session: 'staff', type: 'JWTSessionError', heldBack: 499 });
  });

  it('still writes the app’s own auth failures as errors', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    createAuthLogger('customer', sink).error!(Object.assign(new Error('db down'), { type: 'CallbackRouteError' }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, type: 'CallbackRouteError' });
  });
});
