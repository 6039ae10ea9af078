import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExplainedQuery } from './explain';
import { MAX_P99_OVER_P50, MAX_RSS_MB, MIN_HOST_SPREAD_RATIO, type Ratios, type ReferenceKind, type Target } from './judge';
import type { LoadResult } from './load';
import type { LoopResult } from './raw-sql';
import type { ReferenceResult } from './references';

type HostSpread = { ratio: number | null; pass: boolean | null };

export interface BenchReport {
  date: string;
  machine: { cpuModel: string; cpus: number; totalMemGb: number; os: string; loadAverageAtStart: number[] };
  node: string;
  postgres: string;
  options: Record<string, unknown>;
  scale: Record<string, unknown>;
  timings: Record<string, number>;
  /** The yardsticks, run in the same process of `npm run bench` as the scenarios. */
  references: Record<ReferenceKind, ReferenceResult>;
  scenarios: (LoadResult & { target?: Target; ratios: Ratios; pass: boolean; failures: string[] })[];
  dataLayer: LoopResult[];
  /** Many hosts ÷ one host, judged: catalog misses against one shop's misses, warm pages against one shop's warm pages. */
  hostSpread: { misses: HostSpread; hits: HostSpread };
  ratios: {
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

const verdictText = (r: { pass: boolean; failures: string[] }) => (r.pass ? 'pass' : `**fail**: ${r.failures.join('; ')}`);
const orDash = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));

function measuredCells(r: LoadResult): string {
  return `${r.reqPerSec} | ${orDash(r.cpuMsPerRequest)} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${errorText(r)} | ${r.peakRssMb}`;
}

/** Every scenario beside its reference: req/s and CPU ms per request, both ratios, the target and the verdict. */
export function markdownTable(report: BenchReport): string {
  const rows = [
    '| Scenario | req/s | CPU ms/req | p50 ms | p99 ms | errors | peak RSS MB | ÷ reference, req/s (judged) | ÷ reference, CPU | target | result |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of Object.values(report.references)) rows.push(`| ${r.title} | ${measuredCells(r)} | 1 | 1 | reference | ${verdictText(r)} |`);
  for (const s of report.scenarios) {
    const kind = s.target ? ` × ${s.target.reference}` : '';
    const target = s.target ? `≥ ${s.target.minRatio} × ${s.target.reference}` : '—';
    rows.push(`| ${s.title} | ${measuredCells(s)} | ${orDash(s.ratios.reqPerSec)}${kind} | ${orDash(s.ratios.cpu)}${kind} | ${target} | ${verdictText(s)} |`);
  }
  for (const d of report.dataLayer) {
    rows.push(`| ${d.title} (no HTTP) | ${d.opsPerSec} | — | ${d.latencyMs.p50} | ${d.latencyMs.p99} | ${d.errors} | — | — | — | — | — |`);
  }
  const spread = (label: string, h: HostSpread) => {
    if (h.ratio !== null) rows.push(`| ${label} | ${h.ratio} | | | | | | | | ≥ ${MIN_HOST_SPREAD_RATIO} (req/s) | ${h.pass ? 'pass' : '**fail**'} |`);
  };
  spread('Many hosts ÷ one host, cache misses (catalog ÷ one host, misses)', report.hostSpread.misses);
  spread('Many hosts ÷ one host, cache hits (1,000 hosts warm ÷ one host warm)', report.hostSpread.hits);
  const info = (label: string, value: number | null | undefined) => {
    if (value !== null && value !== undefined) rows.push(`| ${label} | ${value} | | | | | | | | — | — |`);
  };
  const { hostSpreadWarmFew, hostSpreadWarmRedis, warmRedisOverMemory, appOverRawSql, appOverDataLayer } = report.ratios;
  info('Warm cache in memory, few hosts ÷ one host warm', hostSpreadWarmFew);
  info('Warm cache in Redis (another instance rendered the pages), same hosts ÷ one host warm', hostSpreadWarmRedis);
  info('Render-cache hits from Redis ÷ hits from memory', warmRedisOverMemory);
  info('App ÷ raw SQL (catalog page)', appOverRawSql);
  info('App ÷ data layer (catalog page)', appOverDataLayer);
  return rows.join('\n');
}

function cpuTable(report: BenchReport): string {
  const rows = [
    '| Scenario | server | load generator | PostgreSQL | other processes | machine busy | KB per response |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of [...Object.values(report.references), ...report.scenarios]) {
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
    `Overall: ${report.pass ? 'all targets met' : 'targets not met'}. Every scenario must also have 0 errors, p99 ≤ ${MAX_P99_OVER_P50} × p50 and peak RSS ≤ ${MAX_RSS_MB} MB.`,
    "The ratio judged is req/s ÷ the reference's req/s; the CPU ratio beside it is the reference's CPU ms per request ÷ the",
    'scenario\'s (both read "fraction of the reference", higher is better). CPU ms/req is the `next start` process tree\'s CPU time',
    '(user + system, from /proc) over the run ÷ requests. The references are a tiny separate Next app (bench/reference-app/) built',
    'with the same Next.js and React and served by `next start` with the same flags and heap, in this run, before the storefront.',
    'Errors count socket errors, timeouts (10 s) and non-2xx answers; peak RSS is the sum over the `next start` process tree,',
    "sampled every 200 ms. Raw SQL and data layer run in this process with the app's pool size and the same concurrency, before",
    'the server starts.',
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
