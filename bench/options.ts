import { parseArgs } from 'node:util';

export interface BenchOptions {
  databaseUrl: string;
  fresh: boolean;
  build: boolean;
  duration: number;
  warmup: number;
  connections: number;
  port: number;
  articles: number;
  tenants: number;
  pricesPerTenant: number;
  signedInTenants: number;
  scenarios: string[] | null;
  explain: boolean;
  maxMinutes: number;
}

const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/storefleet_bench';

const HELP = `npm run bench -- [options]

  --fresh               drop and reseed the benchmark database
  --no-build            reuse the previous builds (the app's and the reference pages') instead of next build
  --duration <s>        seconds per scenario (15)
  --warmup <s>          unrecorded warm-up before the scenarios (5)
  --connections <n>     concurrent connections (20)
  --port <n>            first port to try for next start (3200)
  --articles <n>        catalog size (100000)
  --tenants <n>         number of tenants (1000)
  --prices <n>          tenant price rows per tenant, about (1000)
  --signed-in <n>       tenants with a signed-in benchmark customer (50)
  --only <a,b,…>        run only these scenarios (ids as in the table); the reference pages always run
  --no-explain          skip EXPLAIN ANALYZE of the catalog queries
  --max-minutes <n>     give up after this long (30)

  BENCH_DATABASE_URL    target PostgreSQL database (${DEFAULT_BENCH_DATABASE_URL})`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
}

export function parseOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      fresh: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      port: { type: 'string' },
      articles: { type: 'string' },
      tenants: { type: 'string' },
      prices: { type: 'string' },
      'signed-in': { type: 'string' },
      only: { type: 'string' },
      'no-explain': { type: 'boolean', default: false },
      'max-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_BENCH_DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL');
  return {
    databaseUrl,
    fresh: values.fresh ?? false,
    build: !values['no-build'],
    duration: positive('duration', values.duration, 15),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup, 5),
    connections: Math.round(positive('connections', values.connections, 20)),
    port: Math.round(positive('port', values.port, 3200)),
    articles: Math.round(positive('articles', values.articles, 100_000)),
    tenants: Math.min(9999, Math.round(positive('tenants', values.tenants, 1000))),
    pricesPerTenant: Math.round(positive('prices', values.prices, 1000)),
    signedInTenants: Math.round(positive('signed-in', values['signed-in'], 50)),
    scenarios: values.only
      ? values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : null,
    explain: !values['no-explain'],
    maxMinutes: positive('max-minutes', values['max-minutes'], 30),
  };
}
