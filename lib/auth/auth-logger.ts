import 'server-only';
import type { NextAuthConfig } from 'next-auth';
import { headers } from 'next/headers';
import { clientAddress, trustProxyHeaders } from '@/lib/http/client-address';
import { log } from '@/lib/log';
import { createLogThrottle, type LogThrottle } from '@/lib/log-throttle';

/**
 * Auth.js errors a client causes by what it sends: a session cookie that does not decrypt (garbage,
 * another deployment's, tampered), a missing CSRF token, a made-up action, provider or callback URL.
 * They are the client's mistake, not the app's: an info line without a stack, at most one per client and
 * interval, so nobody can flood the log by replaying a bad cookie.
 */
const CLIENT_CAUSED = new Set([
  'JWTSessionError',
  'SessionTokenError',
  'MissingCSRF',
  'UnknownAction',
  'InvalidProvider',
  'InvalidCallbackUrl',
  'InvalidCheck',
]);

const INTERVAL_MS = 60_000;
const sharedThrottle = createLogThrottle({ intervalMs: INTERVAL_MS, maxKeys: 10_000 });

/**
 * Who sent the request, as far as a log line needs to know: the client address the sign-in limits use
 * (the socket's, or the right-most untrusted X-Forwarded-For hop behind a trusted proxy). A request
 * without one shares a single key, which only throttles harder.
 */
async function clientKey(): Promise<string> {
  try {
    return clientAddress(await headers(), { trustProxyHeaders: trustProxyHeaders() }) ?? 'unknown';
  } catch {
    return 'unknown'; // outside a request (a test, a script)
  }
}

type AuthLogger = NonNullable<NextAuthConfig['logger']>;

type Sink = Pick<typeof log, 'info' | 'warn' | 'error'>;

/** The logger of one Auth.js instance (`session` says which: customer, staff, admin). */
export function createAuthLogger(session: string, sink: Sink = log, throttle: LogThrottle = sharedThrottle): AuthLogger {
  async function clientProblem(type: string) {
    const client = await clientKey();
    const held = throttle.admit(`${session}:${type}:${client}`);
    if (held === null) return;
    sink.info(
      { event: 'auth_client_error', session, type, ...(held ? { heldBack: held } : {}) },
      'auth request refused: client sent an invalid session or request',
    );
  }
  return {
    error(error) {
      const type = (error as { type?: string }).type ?? '';
      // A wrong password is an everyday event (sign-in limits bound how many), not an error with a stack.
      if (type === 'CredentialsSignin') sink.info({ event: 'signin_refused', session }, 'sign-in refused');
      else if (CLIENT_CAUSED.has(type)) void clientProblem(type);
      else sink.error({ err: error, type, session }, 'auth error');
    },
    warn(code) {
      sink.warn({ code, session }, 'auth warning');
    },
    debug() {},
  };
}
