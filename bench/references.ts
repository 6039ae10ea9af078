import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { judgeReference, type ReferenceKind } from './judge';
import { mixedScenario, runLoad, validateScenario, type LoadResult } from './load';
import { RssSampler } from './process-tree';
import type { Scenario } from './scenarios';
import { buildApp, startServer, stopServer, waitUntilReady } from './server';

/** The reference pages' sources (bench/reference-app/), built and served from a copy under bench/results/. */
const SOURCES = path.join(process.cwd(), 'bench', 'reference-app');

export type ReferenceResult = LoadResult & { pass: boolean; failures: string[] };

const REFERENCE_SCENARIOS: Record<ReferenceKind, Scenario> = {
  static: {
    id: 'reference-static',
    title: 'Reference: static page (prerendered, ~9 KB)',
    next: () => ({ host: 'localhost', path: '/' }),
    expect: () => 'data-reference="static"',
  },
  dynamic: {
    id: 'reference-dynamic',
    title: 'Reference: force-dynamic page, one 24-row query (postgres.js)',
    next: () => ({ host: 'localhost', path: '/dynamic' }),
    expect: () => 'data-rows="24"',
  },
};

/**
 * Copies the reference app into `dir` (an ignored folder) with a hard-linked copy of the project's
 * node_modules (the same files: the same Next.js, React and postgres.js as the storefront; a few seconds,
 * no disk) and builds it with `next build`. Its own node_modules, because its config makes its folder the
 * workspace root, which keeps the storefront's middleware and instrumentation out of it.
 */
export async function buildReferenceApp(dir: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(SOURCES, dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-reference', private: true, type: 'module' }, null, 2)}\n`);
  execFileSync('cp', ['-al', path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules')]);
  await buildApp(dir, env, logFile);
}

/**
 * Serves the reference app with `next start` exactly as the storefront is served (same flags, same
 * environment and heap), warms it up, then drives each page with the scenarios' load settings.
 */
export async function runReferences(
  dir: string,
  port: number,
  env: NodeJS.ProcessEnv,
  opts: { connections: number; duration: number; warmup: number; logFile: string; say: (message: string) => void; onServer: (child: ChildProcess) => void },
): Promise<Record<ReferenceKind, ReferenceResult>> {
  const server = startServer(dir, port, env, opts.logFile);
  // So that an interrupted run stops this server too.
  opts.onServer(server);
  try {
    await waitUntilReady(port, server);
    const sampler = new RssSampler(server.pid as number);
    sampler.start();
    const scenarios = Object.values(REFERENCE_SCENARIOS);
    if (opts.warmup > 0) await runLoad(port, mixedScenario(scenarios), { connections: opts.connections, duration: opts.warmup });
    const results: Partial<Record<ReferenceKind, ReferenceResult>> = {};
    for (const [kind, scenario] of Object.entries(REFERENCE_SCENARIOS) as [ReferenceKind, Scenario][]) {
      const validation = await validateScenario(port, scenario).catch((e: unknown) => String(e));
      opts.say(`${scenario.title}: ${opts.duration} s${validation ? ` (validation: ${validation})` : ''}`);
      const load: LoadResult = { ...(await runLoad(port, scenario, { ...opts, sampler, serverPid: server.pid })), validation };
      const failures = judgeReference(load);
      results[kind] = { ...load, pass: failures.length === 0, failures };
      opts.say(`  ${load.reqPerSec} req/s, ${load.cpuMsPerRequest} ms CPU/req, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms`);
    }
    sampler.stop();
    return results as Record<ReferenceKind, ReferenceResult>;
  } finally {
    await stopServer(server);
  }
}
