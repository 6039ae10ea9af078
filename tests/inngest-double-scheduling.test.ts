import { Inngest, RetryAfterError } from 'inngest';
import { serve } from 'inngest/next';
import type { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createInngestTestExecutor, type InngestTestExecutor, type InngestTestExecutorOptions } from './support/inngest-executor';
import { priorityFactorMs } from './support/inngest-executor/concurrency';
import { pinnedFields } from './support/inngest-executor/wait-index';
import type { RegisteredInngestFunction } from './support/inngest-executor/types';

/**
 * How the engine double schedules: concurrent requests across runs, concurrency limits and keys, priority,
 * Inngest's retry backoff and Retry-After, the 24 h event-id window, worker slots and request durations on
 * the virtual clock. Small functions served by the real SDK `serve()`, called in-process.
 */

type Route = ReturnType<typeof serve>;
type Functions = Parameters<typeof serve>[0]['functions'];
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const T0 = Date.parse('2026-01-05T09:00:00Z');
const APP = 'sched-test';

let open: InngestTestExecutor[] = [];
afterEach(async () => {
  await Promise.all(open.map((executor) => executor.close()));
  open = [];
});

async function startApp(define: (inngest: Inngest) => Functions, options: InngestTestExecutorOptions = {}) {
  let route: Route | undefined;
  const executor = await createInngestTestExecutor({
    startTime: T0,
    ...options,
    appFetch: (request) => route![request.method as 'POST'](request as NextRequest, undefined),
  });
  open.push(executor);
  const inngest = new Inngest({ id: APP, isDev: true, baseUrl: executor.url, logger: quiet });
  route = serve({ client: inngest, functions: define(inngest) });
  await executor.register();
  return executor;
}

/** Counts requests inside the app at once, overall and per label. */
function occupancy() {
  const inside = new Map<string, number>();
  const peak = new Map<string, number>();
  return {
    async during<T>(labels: string[], work: () => Promise<T>): Promise<T> {
      for (const label of labels) {
        inside.set(label, (inside.get(label) ?? 0) + 1);
        peak.set(label, Math.max(peak.get(label) ?? 0, inside.get(label)!));
      }
      try {
        return await work();
      } finally {
        for (const label of labels) inside.set(label, inside.get(label)! - 1);
      }
    },
    peak: (label: string) => peak.get(label) ?? 0,
  };
}

/** Resolves once `n` parties have arrived, or after a real-time timeout with false (so a serial engine fails, not hangs). */
function barrier(n: number, timeoutMs = 1_000) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async (): Promise<boolean> => {
    if (++arrived >= n) release();
    return Promise.race([all.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs))]);
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('concurrent requests with real interleaving between runs', () => {
  it('has two runs inside the app at once, while one run is never inside twice for sequential steps', async () => {
    const meet = barrier(2);
    const seen = occupancy();
    const executor = await startApp((inngest) => [
      inngest.createFunction({ id: 'meet', triggers: [{ event: 'test/meet' }] }, async ({ step, event }) => {
        const met = await step.run('meet-the-other-run', () => seen.during(['all', `run:${event.data.n}`], meet));
        await step.run('second', () => seen.during(['all', `run:${event.data.n}`], tick));
        await step.run('third', () => seen.during(['all', `run:${event.data.n}`], tick));
        return met;
      }),
    ]);
    await executor.send([
      { name: 'test/meet', data: { n: 1 } },
      { name: 'test/meet', data: { n: 2 } },
    ]);
    await executor.settle();
    expect(executor.runsOf('meet').map((run) => [run.status, run.output])).toEqual([
      ['completed', true],
      ['completed', true],
    ]);
    expect(seen.peak('all')).toBe(2);
    expect(seen.peak('run:1')).toBe(1);
    expect(seen.peak('run:2')).toBe(1);
  });

  it('sends a run’s planned parallel steps at the same time', async () => {
    const meet = barrier(2);
    const executor = await startApp((inngest) => [
      inngest.createFunction({ id: 'fan-out', triggers: [{ event: 'test/fan-out' }] }, async ({ step }) => {
        const [a, b] = await Promise.all([step.run('a', meet), step.run('b', meet)]);
        return { a, b };
      }),
    ]);
    await executor.send({ name: 'test/fan-out' });
    await executor.settle();
    expect(executor.runsOf('fan-out')[0]).toMatchObject({ status: 'completed', output: { a: true, b: true } });
  });
});

describe('concurrency limits from the registered config', () => {
  it('caps a function’s steps in progress (concurrency: n)', async () => {
    const seen = occupancy();
    const executor = await startApp((inngest) => [
      inngest.createFunction({ id: 'capped', concurrency: 2, triggers: [{ event: 'test/capped' }] }, async ({ step }) =>
        step.run('work', () => seen.during(['all'], tick)),
      ),
    ]);
    await executor.send(Array.from({ length: 6 }, () => ({ name: 'test/capped' })));
    await executor.settle();
    expect(executor.runsOf('capped').every((run) => run.status === 'completed')).toBe(true);
    expect(seen.peak('all')).toBe(2);
  });

  it('caps per evaluated key, next to a function limit (an array of two), and keys do not wait for each other', async () => {
    const seen = occupancy();
    const executor = await startApp((inngest) => [
      inngest.createFunction(
        { id: 'keyed', concurrency: [{ key: 'event.data.tenant', limit: 1 }, { limit: 3 }], triggers: [{ event: 'test/keyed' }] },
        async ({ step, event }) => step.run('work', () => seen.during(['all', `tenant:${event.data.tenant}`], tick)),
      ),
    ]);
    const tenants = ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'd'];
    await executor.send(tenants.map((tenant) => ({ name: 'test/keyed', data: { tenant } })));
    await executor.settle();
    expect(executor.runsOf('keyed').every((run) => run.status === 'completed')).toBe(true);
    for (const tenant of new Set(tenants)) expect(seen.peak(`tenant:${tenant}`)).toBe(1);
    expect(seen.peak('all')).toBe(3);
  });

  it('counts steps in progress, not sleeping runs: a sleeping run holds no slot', async () => {
    const executor = await startApp((inngest) => [
      inngest.createFunction({ id: 'napper', concurrency: { limit: 1 }, triggers: [{ event: 'test/nap' }] }, async ({ step }) => {
        await step.sleep('nap', '1h');
        return 'rested';
      }),
    ]);
    await executor.send([{ name: 'test/nap' }, { name: 'test/nap' }, { name: 'test/nap' }]);
    await executor.settle();
    expect(executor.runsOf('napper').map((run) => run.status)).toEqual(['waiting', 'waiting', 'waiting']);
  });

  it('refuses more than two concurrency limits, as Inngest does', async () => {
    const attempt = startApp((inngest) => [
      // The SDK's types allow two as well; the cast sends a third to see the engine refuse it.
      inngest.createFunction(
        {
          id: 'greedy',
          concurrency: [{ limit: 1, key: 'event.data.a' }, { limit: 2, key: 'event.data.b' }, { limit: 3 }] as never,
          triggers: [{ event: 'test/greedy' }],
        },
        async () => 'x',
      ),
    ]);
    await expect(attempt).rejects.toThrow(/at most 2 concurrency limits/);
  });
});

describe('priority.run, evaluated as CEL', () => {
  const fn = (run: string) => ({ fullId: `${APP}-f`, priority: { run } }) as unknown as RegisteredInngestFunction;
  const event = (data: Record<string, unknown>) => ({ id: 'e', name: 'x', ts: 0, data });

  it('takes the ternary’s seconds, clamps them to ±12 h, and reads an error as 0', () => {
    expect(priorityFactorMs(fn("event.data.plan == 'premium' ? 120 : 0"), event({ plan: 'premium' }))).toBe(120_000);
    expect(priorityFactorMs(fn("event.data.plan == 'premium' ? 120 : 0"), event({ plan: 'standard' }))).toBe(0);
    expect(priorityFactorMs(fn('event.data.plan == "x" ? 1 : -86400'), event({ plan: 'y' }))).toBe(-43_200_000);
    expect(priorityFactorMs(fn("event.data.missing == 'premium' ? 120 : 0"), event({}))).toBe(0);
  });

  it('moves a run ahead of runs queued up to its factor earlier, and no further', async () => {
    const executor = await startApp(
      (inngest) => [
        inngest.createFunction(
          {
            id: 'prioritised',
            concurrency: 1,
            priority: { run: "event.data.plan == 'premium' ? 120 : (event.data.plan == 'gold' ? 30 : 0)" },
            triggers: [{ event: 'test/prio' }],
          },
          async ({ step, event }) => step.run('work', () => event.data.label as string),
        ),
      ],
      { requestDuration: 100_000 },
    );
    await executor.send(['s1', 's2', 's3'].map((label) => ({ name: 'test/prio', data: { label, plan: 'standard' } })));
    await executor.advanceTime(50_000);
    await executor.send([
      { name: 'test/prio', data: { label: 'gold', plan: 'gold' } },
      { name: 'test/prio', data: { label: 'premium', plan: 'premium' } },
    ]);
    await executor.settle();
    const byStart = [...executor.runsOf('prioritised')].sort((a, b) => a.startedAt! - b.startedAt!).map((run) => run.output);
    // s1 was already at the app; premium (120 s) passes runs queued 50 s before it, gold (30 s) does not.
    expect(byStart).toEqual(['s1', 'premium', 's2', 's3', 'gold']);
  });
});

describe('retry backoff', () => {
  it('follows Inngest’s table on the virtual clock (15 s, then 30 s), and settle() alone does not retry', async () => {
    const attempts: number[] = [];
    let executor!: InngestTestExecutor;
    executor = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'flaky', retries: 3, triggers: [{ event: 'test/flaky' }] }, async ({ step }) =>
          step.run('flaky-step', () => {
            attempts.push(executor.now() - T0);
            if (attempts.length < 3) throw new Error('not yet');
            return 'ok';
          }),
        ),
      ],
      { random: () => 0 },
    );
    await executor.send({ name: 'test/flaky' });
    await executor.settle();
    expect(attempts).toEqual([0]);
    await executor.advanceTime(14_999);
    expect(attempts).toEqual([0]);
    await executor.advanceTime(1);
    expect(attempts).toEqual([0, 15_000]);
    await executor.advanceTime(30_000);
    expect(attempts).toEqual([0, 15_000, 45_000]);
    expect(executor.runsOf('flaky')[0]!.status).toBe('completed');
  });

  it('adds up to 30 s of jitter', async () => {
    const attempts: number[] = [];
    let executor!: InngestTestExecutor;
    executor = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'jittery', retries: 1, triggers: [{ event: 'test/jittery' }] }, async ({ step }) =>
          step.run('s', () => {
            attempts.push(executor.now() - T0);
            if (attempts.length < 2) throw new Error('not yet');
            return 'ok';
          }),
        ),
      ],
      { random: () => 0.5 },
    );
    await executor.send({ name: 'test/jittery' });
    await executor.advanceTime(60_000);
    expect(attempts).toEqual([0, 30_000]);
  });

  it('lets a Retry-After (seconds or a date) from RetryAfterError decide, in a step and outside one', async () => {
    const times: Record<string, number[]> = { seconds: [], date: [], fn: [] };
    let executor!: InngestTestExecutor;
    executor = await startApp((inngest) => [
      inngest.createFunction({ id: 'after-seconds', triggers: [{ event: 'test/after' }] }, async ({ step }) =>
        step.run('s', () => {
          times.seconds!.push(executor.now() - T0);
          if (times.seconds!.length < 2) throw new RetryAfterError('busy', 5_000);
          return 'ok';
        }),
      ),
      inngest.createFunction({ id: 'after-date', triggers: [{ event: 'test/after' }] }, async ({ step }) =>
        step.run('s', () => {
          times.date!.push(executor.now() - T0);
          if (times.date!.length < 2) throw new RetryAfterError('tomorrow-ish', new Date(T0 + 3 * 3_600_000));
          return 'ok';
        }),
      ),
      inngest.createFunction({ id: 'after-fn', triggers: [{ event: 'test/after' }] }, async ({ attempt }) => {
        times.fn!.push(executor.now() - T0);
        if (attempt === 0) throw new RetryAfterError('outside a step', 2_000);
        return 'ok';
      }),
    ]);
    await executor.send({ name: 'test/after' });
    await executor.advanceTime(4 * 3_600_000);
    expect(times).toEqual({ seconds: [0, 5_000], date: [0, 3 * 3_600_000], fn: [0, 2_000] });
  });

  it('keeps the retryBackoff option as an override (real-time mode’s 1, 2, 4, 8 s)', async () => {
    const attempts: number[] = [];
    let executor!: InngestTestExecutor;
    executor = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'quick', retries: 2, triggers: [{ event: 'test/quick' }] }, async ({ step }) =>
          step.run('s', () => {
            attempts.push(executor.now() - T0);
            if (attempts.length < 3) throw new Error('not yet');
            return 'ok';
          }),
        ),
      ],
      { retryBackoff: (attempt) => 1_000 * 2 ** (attempt - 1) },
    );
    await executor.send({ name: 'test/quick' });
    await executor.advanceTime(10_000);
    expect(attempts).toEqual([0, 1_000, 3_000]);
  });
});

describe('event-id dedupe window', () => {
  it('drops a known id for 24 hours, then starts a new run for it', async () => {
    const executor = await startApp((inngest) => [inngest.createFunction({ id: 'once', triggers: [{ event: 'test/once' }] }, async () => 'ok')]);
    expect(await executor.send({ name: 'test/once', id: 'row-1' })).toEqual(['row-1']);
    await executor.settle();
    await executor.advanceTime(24 * 3_600_000 - 1);
    expect(await executor.send({ name: 'test/once', id: 'row-1' })).toEqual(['row-1']);
    await executor.settle();
    expect(executor.runsOf('once')).toHaveLength(1);
    await executor.advanceTime(1);
    await executor.send({ name: 'test/once', id: 'row-1' });
    await executor.settle();
    expect(executor.runsOf('once').map((run) => run.status)).toEqual(['completed', 'completed']);
    expect(executor.eventsNamed('test/once')).toHaveLength(2);
  });
});

describe('worker slots and request durations on the virtual clock', () => {
  // Counted in plain protocol, where each step is a request of its own (checkpointing would run a
  // one-step function in a single request); the scheduling is the same in both.
  const oneStep = (inngest: Inngest, extra: Record<string, unknown> = {}) =>
    inngest.createFunction({ id: 'job', ...extra, triggers: [{ event: 'test/job' }] }, async ({ step, event }) =>
      step.run('work', () => event.data.n as number),
    );

  it('an app with `workers` works on that many requests at once, in the order they arrive, each taking `requestDuration`; settle() moves the clock to their completions', async () => {
    const executor = await startApp((inngest) => [oneStep(inngest)], { protocol: 'plain', workers: { [APP]: 2 }, requestDuration: 10_000 });
    await executor.send(Array.from({ length: 6 }, (_, n) => ({ name: 'test/job', data: { n } })));
    await executor.settle();
    const runs = executor.runsOf('job');
    // The engine sends all six first requests at once (no limit says otherwise); the app takes two at a time
    // in arrival order, so a run's second request (the return) waits behind the first requests sent before it.
    expect(runs.map((run) => [run.queuedAt - T0, run.startedAt! - T0, run.endedAt! - T0])).toEqual([
      [0, 0, 40_000],
      [0, 0, 40_000],
      [0, 10_000, 50_000],
      [0, 10_000, 50_000],
      [0, 20_000, 60_000],
      [0, 20_000, 60_000],
    ]);
    expect(executor.now() - T0).toBe(60_000);
  });

  it('settle() never jumps to a sleep that is due later; advanceTime stops at its target mid-backlog', async () => {
    const executor = await startApp(
      (inngest) => [
        oneStep(inngest),
        inngest.createFunction({ id: 'napper', triggers: [{ event: 'test/nap' }] }, async ({ step }) => {
          await step.sleep('nap', '1h');
          return 'rested';
        }),
      ],
      { protocol: 'plain', workers: { [APP]: 1 }, requestDuration: ({ fnId }) => (fnId === 'napper' ? 500 : 1_000) },
    );
    await executor.send({ name: 'test/nap' });
    await executor.settle();
    expect(executor.now() - T0).toBe(500);
    expect(executor.runsOf('napper')[0]!.status).toBe('waiting');

    await executor.send(Array.from({ length: 100 }, (_, n) => ({ name: 'test/job', data: { n } })));
    await executor.advanceTime(10_000);
    expect(executor.now() - T0).toBe(10_500);
    const jobs = executor.runsOf('job');
    // One worker, 1 s a request: the hundred first requests arrived together at 500 ms and are worked through
    // in order, one a second (the eleventh taken at the target itself); each done one's second request
    // waits behind the rest of them, so no job has finished yet.
    expect(jobs.filter((run) => run.status === 'completed')).toHaveLength(0);
    expect(jobs.filter((run) => run.startedAt! <= executor.now())).toHaveLength(11);
    expect(jobs.reduce((sum, run) => sum + run.requests, 0)).toBe(110);
  });

  it('a key at its limit does not hold back another key’s item, however long its backlog', async () => {
    const executor = await startApp((inngest) => [oneStep(inngest, { concurrency: { key: 'event.data.tenant', limit: 1 } })], {
      protocol: 'plain',
      workers: { [APP]: 2 },
      requestDuration: 1_000,
    });
    await executor.send(Array.from({ length: 20 }, (_, n) => ({ name: 'test/job', data: { n, tenant: 'flood' } })));
    await executor.advanceTime(5_000);
    await executor.send({ name: 'test/job', data: { n: 99, tenant: 'quiet' } });
    await executor.advanceTime(2_000);
    const quiet = executor.runsOf('job').find((run) => run.event.data.tenant === 'quiet')!;
    expect([quiet.startedAt! - T0, quiet.endedAt! - T0]).toEqual([5_000, 7_000]);
  });

  it('scales: 10,000 queued runs with a key limit of 5, 200 requests in seconds', async () => {
    const executor = await startApp((inngest) => [oneStep(inngest, { concurrency: { key: 'event.data.tenant', limit: 5 } })], {
      protocol: 'plain',
      requestDuration: 1_000,
    });
    await executor.send(Array.from({ length: 10_000 }, (_, n) => ({ name: 'test/job', data: { n, tenant: 'flood' } })));
    await executor.advanceTime(39_999);
    const runs = executor.runsOf('job');
    // Five requests a second for 40 s; a run takes two (the step, then the return), oldest runs first.
    expect(runs.reduce((sum, run) => sum + run.requests, 0)).toBe(200);
    expect(runs.filter((run) => run.status === 'completed')).toHaveLength(95);
  }, 60_000);
});

describe('real-time mode (the stand-alone executor for browser tests)', () => {
  it('runs events as they arrive and retries after `retryBackoff` in wall time, concurrently across runs', async () => {
    const meet = barrier(2, 3_000);
    let failures = 0;
    const executor = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'live', retries: 2, triggers: [{ event: 'test/live' }] }, async ({ step }) => {
          const met = await step.run('meet', meet);
          await step.run('flaky', () => {
            if (failures++ < 1) throw new Error('once');
          });
          return met;
        }),
      ],
      { startTime: undefined, realTime: true, autoSettle: true, retryBackoff: () => 300 },
    );
    await executor.send([{ name: 'test/live' }, { name: 'test/live' }]);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && !executor.runsOf('live').every((run) => run.status === 'completed'))
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(executor.runsOf('live').map((run) => [run.status, run.output])).toEqual([
      ['completed', true],
      ['completed', true],
    ]);
    expect(failures).toBe(3);
  }, 10_000);
});

describe('open waits indexed by the field their `if` pins', () => {
  const runEvent = { id: 'e', name: 'x', ts: 0, data: { orderId: 'o1' } };

  it('reads the pinned field from the app’s literal form and from `match`, and pins nothing it cannot prove', () => {
    expect(pinnedFields('async.data.tenantId == "t1" && async.data.orderId == "o1" && async.data.n > 1', runEvent)).toEqual([
      { path: 'data.orderId', value: 's:o1' },
      { path: 'data.tenantId', value: 's:t1' },
    ]);
    expect(pinnedFields('event.data.orderId == async.data.orderId', runEvent)).toEqual([{ path: 'data.orderId', value: 's:o1' }]);
    expect(pinnedFields('async.data.n == 2', runEvent)).toEqual([{ path: 'data.n', value: 'n:2' }]);
    for (const loose of [
      'async.data.a == "x" || async.data.b == "y"',
      '!(async.data.a == "x")',
      'async.data.n > 2',
      'async.data.a == "x" ? true : false',
      undefined,
    ]) {
      expect(pinnedFields(loose, runEvent), String(loose)).toEqual([]);
    }
  });

  it('resumes each of 2,000 waiting runs with its own event, quickly, and still resumes a wait it cannot index', async () => {
    const executor = await startApp((inngest) => [
      inngest.createFunction({ id: 'payer', triggers: [{ event: 'test/order' }] }, async ({ step, event }) => {
        const paid = await step.waitForEvent('paid', {
          event: 'test/paid',
          if: `async.data.tenantId == "t" && async.data.orderId == "${event.data.orderId}"`,
          timeout: '1h',
        });
        return paid?.data.orderId ?? null;
      }),
      inngest.createFunction({ id: 'either', triggers: [{ event: 'test/either' }] }, async ({ step }) => {
        const got = await step.waitForEvent('any', { event: 'test/paid', if: 'async.data.orderId == "none" || async.data.orderId == "o7"', timeout: '1h' });
        return got?.data.orderId ?? null;
      }),
    ]);
    const ids = Array.from({ length: 2_000 }, (_, n) => `o${n}`);
    await executor.send([{ name: 'test/either' }, ...ids.map((orderId) => ({ name: 'test/order', data: { orderId } }))]);
    await executor.settle();
    for (const orderId of ids) await executor.send({ name: 'test/paid', data: { tenantId: 't', orderId } });
    await executor.settle();
    expect(executor.runsOf('payer').every((run) => run.status === 'completed' && run.output === run.event.data.orderId)).toBe(true);
    expect(executor.runsOf('either')[0]).toMatchObject({ status: 'completed', output: 'o7' });
  }, 60_000);
});
