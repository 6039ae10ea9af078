/**
 * `npm run bench`: the catalog at platform scale on real PostgreSQL, served by `next start`, driven by
 * autocannon, beside the same query as raw SQL. See bench/README.md.
 */
import './quiet-logs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ensureBenchCustomers } from './customers';
import { connect, migrate, refreshSummaries, readMarker, recreateDatabase, sameScale, SEED_VERSION, serverVersion, writeMarker, type Sql } from './database';
import { explainCatalog, type ExplainedQuery } from './explain';
import { judgeHostSpread, judgeScenario, ratio } from './judge';
import { mixedScenario, runLoad, stopLoad, validateScenario, primePages, type LoadResult } from './load';
import { parseOptions, type BenchOptions } from './options';
import { RssSampler } from './process-tree';
import { measureDataLayer, measureRawSql, type LoopResult } from './raw-sql';
import { buildReferenceApp, runReferences } from './references';
import { markdownTable, writeReport, type BenchReport } from './report';
import { buildScenarios } from './scenarios';
import { seedPlatform } from './seed-platform';
import { benchRedis, clearSharedRenderCache, stopBenchRedis } from './redis';
import { buildApp, freePort, hasBuild, killServerNow, serverEnv, stageApp, startServer, stopServer, waitUntilReady } from './server';
import { signInAll } from './sign-in';
import { loadWorkload, medianTenant } from './workload';

const ROOT_DOMAIN = 'localhost';
const RESULTS_DIR = path.join(process.cwd(), 'bench', 'results');
// Ignored by git (bench/results/*.tmp) and by the project's tsconfig.
const APP_DIR = path.join(RESULTS_DIR, 'app.tmp');
const REFERENCE_DIR = path.join(RESULTS_DIR, 'reference.tmp');
// The app's own default pool (db/client.ts): raw SQL and the data layer get no more connections than it.
const APP_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

const started = performance.now();
const seconds = (from: number) => Math.round((performance.now() - from) / 100) / 10;
let aborting = false;
const say = (message: string) => {
  if (!aborting) console.log(`[bench ${seconds(started).toFixed(1).padStart(6)} s] ${message}`);
};

let server: ChildProcess | undefined;
let sql: Sql | undefined;

async function prepareDatabase(opts: BenchOptions): Promise<{ sql: Sql; seeded: Record<string, number> | null }> {
  const marker = { version: SEED_VERSION, articles: opts.articles, tenants: opts.tenants, pricesPerTenant: opts.pricesPerTenant };
  let fresh = await recreateDatabase(opts.databaseUrl, opts.fresh);
  if (!fresh) {
    const probe = connect(opts.databaseUrl, 1);
    const found = await readMarker(probe).finally(() => probe.end({ timeout: 5 }));
    if (!sameScale(found, marker)) {
      say(`database holds ${found ? JSON.stringify(found) : 'no benchmark data'}: recreating it`);
      fresh = await recreateDatabase(opts.databaseUrl, true);
    }
  }
  await migrate(opts.databaseUrl);
  const db = connect(opts.databaseUrl, 4);
  let seeded: Record<string, number> | null = null;
  if (fresh) {
    say(`seeding ${opts.articles} articles, ${opts.tenants} tenants, ~${opts.pricesPerTenant} prices per tenant`);
    const counts = await seedPlatform(db, marker, say);
    await writeMarker(db, marker);
    say(`seeded in ${counts.seconds} s`);
    seeded = { ...counts };
  } else {
    say('benchmark data already seeded at this scale (use --fresh to reseed)');
  }
  // What a deploy or a catalog import does (db/setup.ts): count each shop's unfiltered listing once.
  const t = performance.now();
  const { computed } = await refreshSummaries(db);
  if (computed > 0) say(`catalog summaries of ${computed} shops computed in ${seconds(t)} s`);
  return { sql: db, seeded };
}

/** The ratios between scenarios of the run (many hosts ÷ one host judged, the rest for reading) and the overall verdict. */
function compare(
  results: BenchReport['scenarios'],
  references: BenchReport['references'],
  raw: LoopResult,
  dataLayer: LoopResult,
): Pick<BenchReport, 'hostSpread' | 'ratios' | 'pass'> {
  const byId = (id: string) => results.find((r) => r.id === id);
  const [catalog, singleHost, warmFew, warmRedis] = ['catalog', 'catalog-single-host', 'catalog-warm-few', 'catalog-warm-redis'].map(byId);
  const hostSpread = {
    misses: judgeHostSpread(catalog, byId('catalog-single-host-miss')),
    hits: judgeHostSpread(byId('catalog-warm'), singleHost),
  };
  return {
    hostSpread,
    ratios: {
      hostSpreadWarmRedis: ratio(warmRedis?.reqPerSec, singleHost?.reqPerSec),
      hostSpreadWarmFew: ratio(warmFew?.reqPerSec, singleHost?.reqPerSec),
      warmRedisOverMemory: ratio(warmRedis?.reqPerSec, warmFew?.reqPerSec),
      appOverRawSql: ratio(catalog?.reqPerSec, raw.opsPerSec),
      appOverDataLayer: ratio(catalog?.reqPerSec, dataLayer.opsPerSec),
    },
    pass: [...results, ...Object.values(references)].every((r) => r.pass) && Object.values(hostSpread).every((h) => h.pass !== false),
  };
}

async function main(): Promise<number> {
  const opts = parseOptions();
  const timings: Record<string, number> = {};
  const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const limit = setTimeout(() => void abort(`time limit of ${opts.maxMinutes} min reached`, 124), opts.maxMinutes * 60_000);
  limit.unref();

  let t = performance.now();
  const prepared = await prepareDatabase(opts);
  sql = prepared.sql;
  const customers = await ensureBenchCustomers(sql, ROOT_DOMAIN, opts.signedInTenants);
  const targets = await loadWorkload(sql, ROOT_DOMAIN);
  const single = medianTenant(targets);
  const postgresVersion = await serverVersion(sql);
  const scale =
    (
      await sql`select (select count(*) from articles)::int as articles, (select count(*) from brands)::int as brands,
    (select count(*) from categories)::int as categories, (select count(*) from tenants)::int as tenants,
    (select count(*) from tenant_article_prices)::int as "tenant prices"`
    )[0] ?? {};
  timings.database = seconds(t);
  say(`workload ready: ${targets.length} tenants, median shop ${single.host} shows ${single.visibleCount} articles`);

  const env = serverEnv(opts.databaseUrl, ROOT_DOMAIN, randomBytes(32).toString('base64'));
  t = performance.now();
  if (opts.build) {
    say(`building the app (next build in ${path.relative(process.cwd(), APP_DIR)})…`);
    // The build (type check included) needs more heap than the server is allowed under load.
    const buildEnv = { ...env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' };
    await buildApp(stageApp(APP_DIR), buildEnv, path.join(RESULTS_DIR, 'build-log.tmp'));
    say(`building the reference pages (next build in ${path.relative(process.cwd(), REFERENCE_DIR)})…`);
    await buildReferenceApp(REFERENCE_DIR, buildEnv, path.join(RESULTS_DIR, 'reference-build-log.tmp'));
  } else if (!hasBuild(APP_DIR) || !hasBuild(REFERENCE_DIR)) {
    throw new Error(`--no-build needs an earlier benchmark build in ${APP_DIR} and ${REFERENCE_DIR}`);
  }
  timings.build = seconds(t);

  t = performance.now();
  const loop = { connections: opts.connections, duration: opts.duration, poolSize: APP_POOL_SIZE };
  say(`raw SQL: ${opts.connections} concurrent, ${opts.duration} s`);
  const raw = await measureRawSql(opts.databaseUrl, targets, loop);
  say(`data layer: ${opts.connections} concurrent, ${opts.duration} s`);
  const dataLayer = await measureDataLayer(opts.databaseUrl, targets, loop);
  let explain: ExplainedQuery[] | undefined;
  if (opts.explain) explain = await explainCatalog(opts.databaseUrl, single);
  timings.sql = seconds(t);

  // The yardsticks of the targets, served by the same Next.js with the same flags, in this run.
  t = performance.now();
  const port = await freePort(opts.port);
  say(`reference pages on localhost:${port}: ${opts.connections} connections, ${opts.duration} s each after a ${opts.warmup} s warm-up`);
  const references = await runReferences(REFERENCE_DIR, port, env, {
    ...opts,
    logFile: path.join(RESULTS_DIR, 'reference-server-log.tmp'),
    say,
    onServer: (child) => {
      server = child;
    },
  });
  timings.references = seconds(t);

  t = performance.now();
  server = startServer(APP_DIR, port, env, path.join(RESULTS_DIR, 'server-log.tmp'));
  const ready = await waitUntilReady(port, server);
  say(`next start answering on localhost:${port} after ${(ready / 1000).toFixed(1)} s`);
  let sampler = new RssSampler(server.pid as number);
  sampler.start();
  const signedIn = await signInAll(port, customers);
  let scenarios = buildScenarios(targets, single, signedIn);
  if (opts.scenarios) scenarios = scenarios.filter((s) => opts.scenarios?.includes(s.id));
  if (opts.warmup > 0) {
    say(`warm-up: ${opts.warmup} s over all scenarios`);
    await runLoad(port, mixedScenario(scenarios), { connections: opts.connections, duration: opts.warmup });
  }
  const results: BenchReport['scenarios'] = [];
  const redisUrl = scenarios.some((s) => s.sharedCache) ? await benchRedis() : null;
  for (const scenario of scenarios) {
    if (scenario.sharedCache && !redisUrl) {
      say(`${scenario.title}: skipped (no redis-server; set BENCH_REDIS_URL)`);
      continue;
    }
    if (scenario.prime && !scenario.freshServer) {
      const requests = scenario.prime();
      say(`${scenario.title}: rendering ${requests.length} pages once first`);
      await primePages(port, requests, opts.connections);
    } else if (scenario.prime) {
      // On a fresh server, so the heap the scenarios before it left behind does not count against it.
      sampler.stop();
      await stopServer(server);
      const requests = scenario.prime();
      if (scenario.sharedCache && redisUrl) {
        const sharedEnv = { ...env, REDIS_URL: redisUrl };
        await clearSharedRenderCache(redisUrl);
        server = startServer(APP_DIR, port, sharedEnv, path.join(RESULTS_DIR, 'server-log.tmp'));
        await waitUntilReady(port, server);
        say(`${scenario.title}: one server renders ${requests.length} pages into Redis`);
        await primePages(port, requests, opts.connections);
        await stopServer(server);
        // The measured server has no copy of its own: every page is a hit from Redis.
        server = startServer(APP_DIR, port, { ...sharedEnv, RENDER_CACHE_MB: '0' }, path.join(RESULTS_DIR, 'server-log.tmp'));
        await waitUntilReady(port, server);
        sampler = new RssSampler(server.pid as number);
        sampler.start();
      } else {
        server = startServer(APP_DIR, port, env, path.join(RESULTS_DIR, 'server-log.tmp'));
        await waitUntilReady(port, server);
        sampler = new RssSampler(server.pid as number);
        sampler.start();
        say(`${scenario.title}: fresh server, rendering ${requests.length} pages once first`);
        await primePages(port, requests, opts.connections);
      }
    }
    const validation = await validateScenario(port, scenario).catch((e: unknown) => String(e));
    say(`${scenario.title}: ${opts.duration} s${validation ? ` (validation: ${validation})` : ''}`);
    const load: LoadResult = { ...(await runLoad(port, scenario, { ...opts, sampler, serverPid: server.pid })), validation };
    const verdict = judgeScenario(load, scenario.target, references);
    results.push({ ...load, target: scenario.target, ...verdict });
    say(
      `  ${load.reqPerSec} req/s, ${load.cpuMsPerRequest} ms CPU/req, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, ${load.errors + load.non2xx} errors, ${load.peakRssMb} MB${scenario.target ? `, ${verdict.ratios.reqPerSec} × ${scenario.target.reference}` : ''}`,
    );
  }
  sampler.stop();
  await stopServer(server);
  stopBenchRedis();
  timings.http = seconds(t);
  timings.total = seconds(started);

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      totalMemGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      loadAverageAtStart,
    },
    node: process.version,
    postgres: postgresVersion,
    options: {
      duration: opts.duration,
      warmup: opts.warmup,
      connections: opts.connections,
      poolSize: APP_POOL_SIZE,
      singleHost: single.host,
      seededThisRun: prepared.seeded,
    },
    scale,
    timings,
    scenarios: results,
    dataLayer: [raw, dataLayer],
    references,
    ...compare(results, references, raw, dataLayer),
    explain,
  };
  const files = writeReport(RESULTS_DIR, report);
  console.log(`\n${markdownTable(report)}\n`);
  say(`wrote ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  await sql.end({ timeout: 5 });
  return 0;
}

async function abort(reason: string, code: number): Promise<void> {
  if (aborting) return;
  aborting = true;
  console.error(`[bench] stopping: ${reason}`);
  stopLoad();
  await stopServer(server).catch(() => undefined);
  await sql?.end({ timeout: 2 }).catch(() => undefined);
  process.exit(code);
}

process.on('SIGINT', () => void abort('interrupted', 130));
process.on('SIGTERM', () => void abort('terminated', 143));
process.on('exit', () => {
  killServerNow(server);
  stopBenchRedis();
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => void abort(error instanceof Error ? (error.stack ?? error.message) : String(error), 1),
);
