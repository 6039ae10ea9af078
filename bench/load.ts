import autocannon, { type Instance } from 'autocannon';
import { cpuMeter, type CpuShare } from './cpu';
import { httpRequest } from './http';
import { cpuMsPerRequest } from './judge';
import type { RssSampler } from './process-tree';
import type { Scenario } from './scenarios';

export interface LoadResult {
  id: string;
  title: string;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Mean response size, headers included. */
  kbPerResponse: number;
  peakRssMb: number;
  peakServerProcessRssMb: number;
  cpu: CpuShare;
  /** Server CPU (the process tree) per request, in ms: cpu.server ÷ req/s. */
  cpuMsPerRequest: number | null;
  validation: string | null;
}

const BROWSER_HEADERS = { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) storefleet-bench' };

/** A few real requests first: a scenario that answers the wrong page is reported, not just timed. */
export async function validateScenario(port: number, scenario: Scenario, samples = 5): Promise<string | null> {
  for (let i = 0; i < samples; i++) {
    const req = scenario.next();
    const headers = { ...BROWSER_HEADERS, ...(req.cookie ? { cookie: req.cookie } : {}) };
    const res = await httpRequest({ port, host: req.host, path: req.path, headers, timeoutMs: 15_000 });
    const marker = scenario.expect(req);
    if (res.status !== 200) return `${req.host}${req.path} answered ${res.status}`;
    if (res.body.includes('Something went wrong')) return `${req.host}${req.path} rendered the error page`;
    if (!res.body.includes(marker)) return `${req.host}${req.path} lacks "${marker}"`;
  }
  return null;
}

/** A mix of every scenario, so each code path is compiled and cached before anything is measured. */
export function mixedScenario(scenarios: Scenario[]): Scenario {
  let i = 0;
  const pick = () => scenarios[i++ % scenarios.length] as Scenario;
  return { id: 'warm-up', title: 'warm-up', next: () => pick().next(), expect: () => '' };
}

let running: Instance | undefined;

/** Stops a load run in progress (Ctrl-C, time limit). */
export function stopLoad(): void {
  running?.stop();
}

export async function runLoad(
  port: number,
  scenario: Scenario,
  opts: { connections: number; duration: number; sampler?: RssSampler; serverPid?: number },
): Promise<Omit<LoadResult, 'validation'>> {
  opts.sampler?.reset();
  const cpu = cpuMeter(opts.serverPid);
  running = autocannon({
    url: `http://localhost:${port}`,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const next = scenario.next();
          const headers: Record<string, string> = { ...req.headers, ...BROWSER_HEADERS, host: next.host };
          if (next.cookie) headers.cookie = next.cookie;
          return { ...req, path: next.path, headers };
        },
      },
    ],
  });
  const result = await running;
  running = undefined;
  const share = cpu();
  opts.sampler?.sample();
  const rss = opts.sampler?.peak() ?? { treeMb: 0, serverMb: 0 };
  const round = (n: number) => Math.round(n * 10) / 10;
  const reqPerSec = round(result.requests.average);
  return {
    id: scenario.id,
    title: scenario.title,
    reqPerSec,
    latencyMs: { mean: round(result.latency.mean), p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
    kbPerResponse: result.requests.total > 0 ? round(result.throughput.total / result.requests.total / 1024) : 0,
    peakRssMb: rss.treeMb,
    peakServerProcessRssMb: rss.serverMb,
    cpu: share,
    cpuMsPerRequest: cpuMsPerRequest(share.server, reqPerSec),
  };
}

/** Requests each page once, a few at a time, unmeasured (to fill the render cache before a scenario). */
export async function primePages(port: number, requests: Array<{ host: string; path: string }>, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++]!;
      const res = await httpRequest({ port, host: req.host, path: req.path, headers: BROWSER_HEADERS, timeoutMs: 30_000 });
      if (res.status !== 200) throw new Error(`priming ${req.host}${req.path}: ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, 8)) }, worker));
}
