import type { BenchCustomer } from './customers';
import { collectCookies, cookieHeader, httpRequest } from './http';

export interface SignedInCustomer extends BenchCustomer {
  cookie: string;
}

/**
 * Signs a customer in the way a browser does with Auth.js: fetch a CSRF token (and its cookie) on the
 * shop's host, post the credentials form, keep the session cookie.
 */
export async function signIn(port: number, customer: BenchCustomer): Promise<SignedInCustomer> {
  const jar = new Map<string, string>();
  const csrf = await httpRequest({ port, host: customer.host, path: '/api/auth/csrf' });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf on ${customer.host}: ${csrf.status}`);
  collectCookies(jar, csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: customer.email, password: customer.password, callbackUrl: '/' });
  const res = await httpRequest({
    port,
    host: customer.host,
    path: '/api/auth/callback/credentials',
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: form.toString(),
  });
  collectCookies(jar, res);
  const session = [...jar.keys()].find((k) => k.endsWith('authjs.session-token'));
  if (!session) throw new Error(`sign-in failed on ${customer.host}: ${res.status} ${res.headers.location ?? ''}`);
  return { ...customer, cookie: `${session}=${jar.get(session)}` };
}

export async function signInAll(port: number, customers: BenchCustomer[]): Promise<SignedInCustomer[]> {
  const out: SignedInCustomer[] = [];
  // One at a time: each sign-in verifies an Argon2 hash (19 MiB, deliberately slow).
  for (const c of customers) out.push(await signIn(port, c));
  return out;
}
