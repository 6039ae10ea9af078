/**
 * CPU per signed-in session read, the page's own decode against Auth.js's whole session action (what
 * `auth()` runs in a server component). No server and no database: both read the same minted cookie.
 *
 *   npx tsx --import ./scripts/server-only-hook.mjs bench/session-read.ts [reads]
 */
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { authConfig, handlers } from '@/lib/auth/auth';
import { readCustomerSession } from '@/lib/auth/read-customer-session';

const READS = Number(process.argv[2] ?? 1_000);
const COOKIE_NAME = 'authjs.session-token';

async function cpuMicrosPerRead(read: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 100; i++) await read();
  const start = process.cpuUsage();
  for (let i = 0; i < READS; i++) await read();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / READS;
}

async function main() {
  const token = await encode({
    token: { customerId: '00000000-0000-4000-8000-000000000001', tenantId: '00000000-0000-4000-8000-000000000002', signedInAt: Date.now() },
    secret: authConfig.secret!,
    salt: COOKIE_NAME,
  });
  const headers = new Headers({ host: 'acme.localhost', 'x-forwarded-proto': 'http', cookie: `${COOKIE_NAME}=${token}` });
  const pipeline = async () => {
    const response = await handlers.GET(new NextRequest('http://acme.localhost/api/auth/session', { headers }));
    const session = await response.json();
    if (!session?.customerId || !response.headers.getSetCookie().length) throw new Error('the pipeline did not read the session');
  };
  const decodeOnce = async () => {
    if (!(await readCustomerSession(headers))?.customerId) throw new Error('the decode did not read the session');
  };
  const before = await cpuMicrosPerRead(pipeline);
  const after = await cpuMicrosPerRead(decodeOnce);
  console.log(
    `${READS} reads each; CPU per read: Auth.js session action ${before.toFixed(0)} µs, decode ${after.toFixed(0)} µs (${(before / after).toFixed(1)}×)`,
  );
}

await main();
