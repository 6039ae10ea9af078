import { describe, expect, it } from 'vitest';
import { cpuMsPerRequest, judgeHealth, judgeHostSpread, judgeReference, judgeScenario, type Measured } from './judge';
import type { LoadResult } from './load';
import { markdownTable, type BenchReport } from './report';

const measured = (over: Partial<Measured> = {}): Measured => ({
  reqPerSec: 100,
  cpuMsPerRequest: 10,
  latencyMs: { p50: 100, p99: 200 },
  errors: 0,
  non2xx: 0,
  peakRssMb: 300,
  validation: null,
  ...over,
});

const references = {
  static: measured({ reqPerSec: 1000, cpuMsPerRequest: 1 }),
  dynamic: measured({ reqPerSec: 150, cpuMsPerRequest: 7.5 }),
};

describe('judgeScenario', () => {
  it('judges req/s against the target reference and reports the CPU ratio beside it', () => {
    const verdict = judgeScenario(measured({ reqPerSec: 90, cpuMsPerRequest: 12.5 }), { reference: 'dynamic', minRatio: 0.6 }, references);
    expect(verdict).toEqual({ ratios: { reqPerSec: 0.6, cpu: 0.6 }, pass: true, failures: [] });
  });

  it('fails below the ratio, whatever the CPU ratio says', () => {
    const verdict = judgeScenario(measured({ reqPerSec: 88, cpuMsPerRequest: 1 }), { reference: 'dynamic', minRatio: 0.6 }, references);
    expect(verdict.pass).toBe(false);
    expect(verdict.failures).toEqual(['0.59 < 0.6 × dynamic (req/s)']);
    expect(verdict.ratios.cpu).toBe(7.5);
  });

  it('judges at the two decimals it prints', () => {
    // 89.7 / 150 = 0.598, printed 0.6
    expect(judgeScenario(measured({ reqPerSec: 89.7 }), { reference: 'dynamic', minRatio: 0.6 }, references).pass).toBe(true);
  });

  it('uses the static reference for cache hits', () => {
    const verdict = judgeScenario(measured({ reqPerSec: 390 }), { reference: 'static', minRatio: 0.4 }, references);
    expect(verdict.ratios.reqPerSec).toBe(0.39);
    expect(verdict.failures).toEqual(['0.39 < 0.4 × static (req/s)']);
  });

  it('fails when the reference did not run or the scenario served nothing', () => {
    expect(judgeScenario(measured(), { reference: 'static', minRatio: 0.4 }, { dynamic: references.dynamic }).failures).toEqual(['no static reference']);
    expect(judgeScenario(measured({ reqPerSec: 0, cpuMsPerRequest: null }), { reference: 'dynamic', minRatio: 0.5 }, references).failures).toEqual([
      '0 < 0.5 × dynamic (req/s)',
    ]);
  });

  it('adds the health checks to the ratio', () => {
    const verdict = judgeScenario(measured({ reqPerSec: 10, errors: 1 }), { reference: 'dynamic', minRatio: 1 }, references);
    expect(verdict.failures).toEqual(['0.07 < 1 × dynamic (req/s)', '1 errors']);
  });
});

describe('judgeHealth', () => {
  it('passes a clean run', () => {
    expect(judgeHealth(measured({ latencyMs: { p50: 100, p99: 300 }, peakRssMb: 450 }))).toEqual([]);
  });

  it('fails errors, non-2xx answers, a long tail, the memory budget and a wrong page', () => {
    expect(judgeHealth(measured({ errors: 2, non2xx: 1 }))).toEqual(['3 errors']);
    expect(judgeHealth(measured({ latencyMs: { p50: 100, p99: 301 } }))).toEqual(['p99 301 > 3 × p50 100 ms']);
    expect(judgeHealth(measured({ peakRssMb: 451 }))).toEqual(['RSS 451 > 450 MB']);
    expect(judgeHealth(measured({ validation: 'answered 500' }))).toEqual(['wrong page: answered 500']);
  });

  it('counts a p50 under autocannon’s 1 ms resolution as 1 ms', () => {
    expect(judgeHealth(measured({ latencyMs: { p50: 0, p99: 3 } }))).toEqual([]);
    expect(judgeHealth(measured({ latencyMs: { p50: 0, p99: 4 } }))).toHaveLength(1);
  });
});

describe('judgeReference', () => {
  it('fails errors and a wrong page, which make every ratio wrong, but not a long tail or the memory budget', () => {
    expect(judgeReference(measured({ latencyMs: { p50: 10, p99: 90 }, peakRssMb: 500 }))).toEqual([]);
    expect(judgeReference(measured({ non2xx: 4, validation: 'lacks "data-rows"' }))).toEqual(['4 errors', 'wrong page: lacks "data-rows"']);
  });
});

describe('judgeHostSpread', () => {
  it('passes at 0.9 and fails below', () => {
    expect(judgeHostSpread(measured({ reqPerSec: 90 }), measured({ reqPerSec: 100 }))).toEqual({ ratio: 0.9, pass: true });
    expect(judgeHostSpread(measured({ reqPerSec: 89 }), measured({ reqPerSec: 100 }))).toEqual({ ratio: 0.89, pass: false });
  });

  it('fails many hosts that served nothing, and does not judge a pair that did not run', () => {
    expect(judgeHostSpread(measured({ reqPerSec: 0 }), measured())).toEqual({ ratio: 0, pass: false });
    expect(judgeHostSpread(undefined, measured())).toEqual({ ratio: null, pass: null });
  });
});

describe('cpuMsPerRequest', () => {
  it('is server cores ÷ req/s in ms', () => {
    expect(cpuMsPerRequest(1.19, 20)).toBe(59.5);
    expect(cpuMsPerRequest(1, 0)).toBeNull();
  });
});

describe('markdownTable', () => {
  const load = (id: string, title: string, m: Measured): LoadResult => ({
    id,
    title,
    ...m,
    latencyMs: { mean: 0, p90: 0, max: 0, ...m.latencyMs },
    requests: 0,
    timeouts: 0,
    statusCodes: {},
    kbPerResponse: 9,
    peakServerProcessRssMb: 0,
    cpu: { server: 1, loadGenerator: 0, postgres: 0, other: 0, machineBusyPct: 50 },
  });

  it('shows the references, every scenario with both ratios and its verdict, and the host spread', () => {
    const catalog = load('catalog', 'Catalog', measured({ reqPerSec: 20, cpuMsPerRequest: 60 }));
    const target = { reference: 'dynamic' as const, minRatio: 0.6 };
    const report = {
      references: {
        static: { ...load('reference-static', 'Static reference', references.static), pass: true, failures: [] },
        dynamic: { ...load('reference-dynamic', 'Dynamic reference', references.dynamic), pass: true, failures: [] },
      },
      scenarios: [{ ...catalog, target, ...judgeScenario(catalog, target, references) }],
      dataLayer: [],
      hostSpread: { misses: { ratio: 0.5, pass: false }, hits: { ratio: null, pass: null } },
      ratios: { appOverRawSql: null, appOverDataLayer: null },
    } as unknown as BenchReport;
    const lines = markdownTable(report).split('\n');
    expect(lines[2]).toBe('| Static reference | 1000 | 1 | 100 | 200 | 0 | 300 | 1 | 1 | reference | pass |');
    expect(lines[4]).toBe(
      '| Catalog | 20 | 60 | 100 | 200 | 0 | 300 | 0.13 × dynamic | 0.13 × dynamic | ≥ 0.6 × dynamic | **fail**: 0.13 < 0.6 × dynamic (req/s) |',
    );
    expect(lines[5]).toContain('| 0.5 |');
    expect(lines[5]).toContain('**fail**');
    expect(lines).toHaveLength(6);
  });
});
