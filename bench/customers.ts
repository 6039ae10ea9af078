import { hashPassword } from '@/lib/auth/password';
import type { Sql } from './database';

export interface BenchCustomer {
  tenantId: string;
  host: string;
  email: string;
  name: string;
  password: string;
}

const BENCH_PASSWORD = 'bench-password-2025';

/**
 * One active customer at each of `count` tenants spread over the platform, with a personal margin, so the
 * signed-in scenario renders personal prices. Written directly (as the platform's superuser, outside
 * row-level security) and idempotent: a rerun finds them in place.
 */
export async function ensureBenchCustomers(sql: Sql, rootDomain: string, count: number): Promise<BenchCustomer[]> {
  const tenants = await sql<{ id: string; subdomain: string }[]>`select id, subdomain from tenants where is_active order by subdomain`;
  const step = Math.max(1, Math.floor(tenants.length / count));
  const chosen = tenants.filter((_, i) => i % step === 0).slice(0, count);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const customers = chosen.map((t, i) => ({
    tenantId: t.id,
    host: `${t.subdomain}.${rootDomain}`,
    email: `buyer@${t.subdomain}.bench.test`,
    name: `Bench Buyer ${t.subdomain}`,
    password: BENCH_PASSWORD,
    marginBp: (((i * 37) % 21) - 10) * 100, // -10 % … +10 %
  }));
  for (const c of customers) {
    await sql`insert into customers (tenant_id, email, name, status, password_hash, approval_type, approved_at, margin_bp, country_code)
      values (${c.tenantId}, ${c.email}, ${c.name}, 'active', ${passwordHash}, 'manual', now(), ${c.marginBp}, 'BE')
      on conflict (tenant_id, lower(email)) do update set password_hash = excluded.password_hash, status = 'active', approval_expires_at = null`;
  }
  // Sign-in is rate-limited per client address; every benchmark sign-in comes from loopback.
  await sql`delete from rate_limit_buckets where key like 'signin%'`;
  return customers.map(({ marginBp: _margin, ...c }) => c);
}
