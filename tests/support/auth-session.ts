/**
 * Signs in through an Auth.js instance's own route handlers, as a browser does (CSRF token, then the
 * credentials callback), and returns the session cookie it sets: the real token, carrying whatever the
 * instance's callbacks put in it.
 */
import type { NextRequest } from 'next/server';

type Handler = (request: NextRequest) => Promise<Response>;

export interface SignInThrough {
  handlers: { GET: Handler; POST: Handler };
  host: string;
  basePath: string;
  providerId: string;
  email: string;
  password: string;
  /** Extra request headers for the callback, e.g. the client address. */
  headers?: Record<string, string>;
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]!);
}

/** The `name=value` cookie header of the new session, or null when the sign-in was refused. */
export async function signInThrough(options: SignInThrough): Promise<string | null> {
  const { NextRequest } = await import('next/server');
  const base = `http://${options.host}${options.basePath}`;
  const csrf = await options.handlers.GET(new NextRequest(`${base}/csrf`, { headers: { host: options.host } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: options.email, password: options.password, callbackUrl: `http://${options.host}/` });
  const response = await options.handlers.POST(
    new NextRequest(`${base}/callback/${options.providerId}`, {
      method: 'POST',
      headers: { host: options.host, 'content-type': 'application/x-www-form-urlencoded', cookie: setCookies(csrf).join('; '), ...options.headers },
      body,
    }),
  );
  const session = setCookies(response).find((cookie) => /session-token=./.test(cookie));
  return session ?? null;
}

/** What `cookies()` gives a page for a `name=value; …` cookie header. */
export function cookieStore(header: string) {
  const all = header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ name: part.slice(0, part.indexOf('=')), value: part.slice(part.indexOf('=') + 1) }));
  return { getAll: () => all, get: (name: string) => all.find((c) => c.name === name) };
}
