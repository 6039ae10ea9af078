import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExplainedQuery } from './explain';
import type { LoadResult } from './load';
import type { LoopResult } from './raw-sql';
import { MAX_RSS_MB, MIN_HOST_SPREAD_RATIO, type Target } from './scenarios';

export interface BenchReport {
  date: string;
  machine: { cpuModel: string; cpus: number; totalMemGb: number; os: string; loadAverageAtStart: number[] };
  node: string;
  postgres: string;
  options: Record<string, unknown>;
  scale: Record<string, unknown>;
  timings: Record<string, number>;
  scenarios: (LoadResult & { target: Target; pass: boolean; failures: string[] })[];
  dataLayer: LoopResult[];
  ratios: {
    hostSpread: number | null;
    hostSpreadWarm?: number | null;
    /** The few-shops warm cache from this process's memory ÷ one host. */
    hostSpreadWarmFew?: number | null;
    /** The same pages served from Redis by an instance that did not render them, ÷ one host. */
    hostSpreadWarmRedis?: number | null;
    /** Hits from Redis ÷ hits from this process's memory, same pages. */
    warmRedisOverMemory?: number | null;
    appOverRawSql: number | null;
    appOverDataLayer: number | null;
  };
  pass: boolean;
  explain?: ExplainedQuery[];
}

export function judge(result: LoadResult, target: Target): string[] {
  const failures: string[] = [];
  if (target.minReqPerSec && result.reqPerSec < target.minReqPerSec) failures.push(`${result.reqPerSec} < ${target.minReqPerSec} req/s`);
  if (target.maxP99Ms && result.latencyMs.p99 > target.maxP99Ms) failures.push(`p99 ${result.latencyMs.p99} > ${target.maxP99Ms} ms`);
  if (result.errors + result.non2xx > 0) failures.push(`${result.errors + result.non2xx} errors`);
  if (result.peakRssMb > MAX_RSS_MB) failures.push(`RSS ${result.peakRssMb} > ${MAX_RSS_MB} MB`);
  if (result.validation) failures.push(`wrong page: ${result.validation}`);
  return failures;
}

const targetText = (t: Target) =>
  [t.minReqPerSec ? `≥${t.minReqPerSec} req/s` : '', t.maxP99Ms ? `p99 ≤${t.maxP99Ms} ms` : '', '0 errors', `≤${MAX_RSS_MB} MB`].filter(Boolean).join(', ');

function errorText(r: LoadResult): string {
  const total = r.errors + r.non2xx;
  if (total === 0) return '0';
  const parts = [
    r.timeouts ? `${r.timeouts} timeouts` : '',
    r.errors - r.timeouts ? `${r.errors - r.timeouts} socket` : '',
    r.non2xx ? `${r.non2xx} non-2xx` : '',
  ];
  return `${total} (${parts.filter(Boolean).join(', ')})`;
}

export function markdownTable(report: BenchReport): string {
  const rows = ['| Scenario | req/s | p50 ms | p99 ms | errors | peak RSS MB | target | result |', '| --- | ---: | ---: | ---: | --- | ---: | --- | --- |'];
  for (const s of report.scenarios) {
    const verdict = s.pass ? 'pass' : `**fail**: ${s.failures.join('; ')}`;
    rows.push(
      `| ${s.title} | ${s.reqPerSec} | ${s.latencyMs.p50} | ${s.latencyMs.p99} | ${errorText(s)} | ${s.peakRssMb} | ${targetText(s.target)} | ${verdict} |`,
    );
  }
  for (const d of report.dataLayer) {
    rows.push(`| ${d.title} (no HTTP) | ${d.opsPerSec} | ${d.latencyMs.p50} | ${d.latencyMs.p99} | ${d.errors} | — | — | — |`);
  }
  const { hostSpread, hostSpreadWarm, hostSpreadWarmFew, hostSpreadWarmRedis, warmRedisOverMemory, appOverRawSql, appOverDataLayer } = report.ratios;
  if (hostSpread !== null) {
    const ok = hostSpread >= MIN_HOST_SPREAD_RATIO;
    rows.push(`| Many hosts ÷ one host (catalog req/s) | ${hostSpread} | | | | | ≥${MIN_HOST_SPREAD_RATIO} | ${ok ? 'pass' : '**fail**'} |`);
  }
  if (hostSpreadWarm != null) {
    const ok = hostSpreadWarm >= MIN_HOST_SPREAD_RATIO;
    rows.push(`| Many hosts ÷ one host, both from a warm cache | ${hostSpreadWarm} | | | | | ≥${MIN_HOST_SPREAD_RATIO} | ${ok ? 'pass' : '**fail**'} |`);
  }
  if (hostSpreadWarmFew != null) rows.push(`| Warm cache in memory, few hosts ÷ one host | ${hostSpreadWarmFew} | | | | | — | — |`);
  if (hostSpreadWarmRedis != null)
    rows.push(`| Warm cache in Redis (another instance rendered the pages), same hosts ÷ one host | ${hostSpreadWarmRedis} | | | | | — | — |`);
  if (warmRedisOverMemory != null) rows.push(`| Render-cache hits from Redis ÷ hits from memory | ${warmRedisOverMemory} | | | | | — | — |`);
  if (appOverRawSql !== null) rows.push(`| App ÷ raw SQL (catalog page) | ${appOverRawSql} | | | | | — | — |`);
  if (appOverDataLayer !== null) rows.push(`| App ÷ data layer (catalog page) | ${appOverDataLayer} | | | | | — | — |`);
  return rows.join('\n');
}

function cpuTable(report: BenchReport): string {
  const rows = [
    '| Scenario | server | load generator | PostgreSQL | other processes | machine busy | KB per response |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of report.scenarios) {
    rows.push(
      `| ${s.title} | ${s.cpu.server} | ${s.cpu.loadGenerator} | ${s.cpu.postgres} | ${s.cpu.other} | ${s.cpu.machineBusyPct} % | ${s.kbPerResponse} |`,
    );
  }
  return rows.join('\n');
}

function markdownReport(report: BenchReport): string {
  const m = report.machine;
  const o = report.options;
  return [
    `# Catalog benchmark, ${report.date}`,
    '',
    `Machine: ${m.cpuModel}, ${m.cpus} cores, ${m.totalMemGb} GB RAM, ${m.os}; load average at start ${m.loadAverageAtStart.join(' / ')}.`,
    `Node ${report.node}; ${report.postgres.split(' on ')[0]}.`,
    `Load: autocannon, ${o.connections} connections, ${o.duration} s per scenario after a ${o.warmup} s warm-up, on the same machine over loopback.`,
    `Data: ${Object.entries(report.scale)
      .map(([k, v]) => `${typeof v === 'number' ? v.toLocaleString('en') : String(v)} ${k}`)
      .join(', ')}.`,
    '',
    markdownTable(report),
    '',
    `Overall: ${report.pass ? 'all targets met' : 'targets not met'}. Errors count socket errors, timeouts (10 s) and non-2xx answers; peak RSS is the`,
    "sum over the `next start` process tree, sampled every 200 ms. Raw SQL and data layer run in this process with the app's",
    'pool size and the same concurrency, before the server starts.',
    '',
    '## Where the CPU went (cores in use on average), and response sizes',
    '',
    cpuTable(report),
    '',
    `Timings (s): ${Object.entries(report.timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  ].join('\n');
}

function explainMarkdown(queries: ExplainedQuery[]): string {
  const lines = ['# Query plans of the catalog pages', '', '| Page | Execution ms | Planning ms | Statement |', '| --- | ---: | ---: | --- |'];
  for (const q of queries)
    lines.push(`| ${q.page} | ${q.executionMs} | ${q.planningMs} | \`${q.sql.replace(/\s+/g, ' ').slice(0, 110).replace(/\|/g, '\\|')}…\` |`);
  for (const q of queries) lines.push('', `## ${q.page}: ${q.executionMs} ms`, '', '```sql', q.sql, '```', '', '```', q.plan, '```');
  return `${lines.join('\n')}\n`;
}

/** Writes `<stamp>.json`, `<stamp>.md`, `latest.md` (and the plans) under bench/results/. */
export function writeReport(dir: string, report: BenchReport): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const md = markdownReport(report);
  const files = [path.join(dir, `${stamp}.json`), path.join(dir, `${stamp}.md`), path.join(dir, 'latest.md')];
  writeFileSync(files[0] as string, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1] as string, md);
  writeFileSync(files[2] as string, md);
  if (report.explain?.length) {
    const plans = path.join(dir, `${stamp}-plans.md`);
    writeFileSync(plans, explainMarkdown(report.explain));
    files.push(plans);
  }
  return files;
}
