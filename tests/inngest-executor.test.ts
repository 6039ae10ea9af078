import { Inngest, NonRetriableError } from 'inngest';
import { serve } from 'inngest/next';
import type { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInngestTestExecutor, parseDuration, type InngestTestExecutor, type InngestTestExecutorOptions } from './support/inngest-executor';
import { evaluateExpression, evaluateValue, UnsupportedExpressionError } from './support/inngest-expression';

/**
 * The test executor against the real SDK serve handler: functions defined here run through `inngest/next`'s
 * `serve()` exactly as the app's route would, called in-process through `appFetch`.
 */

type Route = ReturnType<typeof serve>;

// Step errors are expected here; the SDK would print each one.
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
type Functions = Parameters<typeof serve>[0]['functions'];

async function startApp(define: (inngest: Inngest) => Functions, options: InngestTestExecutorOptions = {}) {
  let route: Route | undefined;
  const executor = await createInngestTestExecutor({
    ...options,
    appFetch: (request) => {
      const method = request.method as 'GET' | 'POST' | 'PUT';
      return route![method](request as NextRequest, undefined);
    },
  });
  const inngest = new Inngest({ id: 'executor-test', isDev: true, baseUrl: executor.url, logger: quiet });
  route = serve({ client: inngest, functions: define(inngest) });
  await executor.register();
  return { executor, inngest };
}

/** Enough virtual time for three retries on Inngest's table: 15 s + 30 s + 60 s, each with up to 30 s jitter. */
const RETRY_WINDOW = 10 * 60_000;

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('inngest expressions (CEL)', () => {
  const scope = { event: { data: { orderId: 'o1', n: 2 } }, async: { data: { orderId: 'o1', n: 3, ok: true, s: "it's" } } };

  it('compares paths with paths and literals, joined by &&', () => {
    expect(evaluateExpression('event.data.orderId == async.data.orderId', scope)).toBe(true);
    expect(evaluateExpression('event.data.n == async.data.n', scope)).toBe(false);
    expect(evaluateExpression(`async.data.orderId == "o1" && async.data.n == 3 && async.data.ok == true`, scope)).toBe(true);
    expect(evaluateExpression(`async.data.orderId == 'o2'`, scope)).toBe(false);
    expect(evaluateExpression(`async.data.s == 'it\\'s' && async.data.n != 4`, scope)).toBe(true);
    expect(evaluateExpression('async.data.missing == null', scope)).toBe(false);
    expect(evaluateExpression('event.data.missing == async.data.missing', scope)).toBe(false);
  });

  it('evaluates the rest of CEL too: ordering, ||, !, functions and the ternary', () => {
    expect(evaluateExpression('async.data.n > 2', scope)).toBe(true);
    expect(evaluateExpression(`async.data.orderId == 'x' || !(event.data.n == 3)`, scope)).toBe(true);
    expect(evaluateExpression('size(async.data) == 4', scope)).toBe(true);
    expect(evaluateValue(`event.data.n == 2 ? 120 : 0`, scope)).toBe(120);
  });

  it('refuses what CEL cannot parse', () => {
    for (const bad of ['async.data.n ==', 'a == b &&', '', '(a == b']) {
      expect(() => evaluateExpression(bad, scope), bad).toThrow(UnsupportedExpressionError);
    }
  });

  it('parses Inngest durations', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2h30m10s')).toBe(9_010_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('2024-01-01T00:00:00Z')).toBeUndefined();
  });
});

// Every op in both request shapes: checkpointing (what Inngest sends today) and plain (one step per request).
describe.each(['checkpoint', 'plain'] as const)('test executor driving the SDK serve handler (%s protocol)', (protocol) => {
  let executor: InngestTestExecutor;
  const calls: string[] = [];
  let flakyFailures = 0;
  let fnLevelFailures = 0;
  const failures: string[] = [];

  beforeAll(async () => {
    ({ executor } = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'ordered', triggers: [{ event: 'test/ordered' }] }, async ({ step }) => {
          const a = await step.run('a', () => (calls.push('a'), 1));
          const b = await step.run('b', () => (calls.push('b'), a + 1));
          const c = await step.run({ id: 'c', name: 'Step C' }, () => (calls.push('c'), { total: a + b }));
          return { a, b, c };
        }),
        inngest.createFunction({ id: 'parallel', triggers: [{ event: 'test/parallel' }] }, async ({ step }) => {
          const [x, y] = await Promise.all([step.run('x', () => (calls.push('x'), 'x')), step.run('y', () => (calls.push('y'), 'y'))]);
          const z = await step.run('z', () => (calls.push('z'), `${x}${y}`));
          return z;
        }),
        inngest.createFunction({ id: 'sleeper', triggers: [{ event: 'test/sleep' }] }, async ({ step }) => {
          await step.run('before', () => calls.push('before'));
          await step.sleep('nap', '1h');
          await step.sleepUntil('until', new Date(Date.parse('2030-01-01T00:00:00Z')));
          await step.run('after', () => calls.push('after'));
          return 'rested';
        }),
        inngest.createFunction({ id: 'awaiter', triggers: [{ event: 'test/order.created' }] }, async ({ step }) => {
          const paid = await step.waitForEvent('wait-paid', { event: 'test/order.paid', match: 'data.orderId', timeout: '1d' });
          return paid ? { paidBy: paid.data.payer } : null;
        }),
        inngest.createFunction({ id: 'conditional', triggers: [{ event: 'test/cond' }] }, async ({ step }) => {
          return step.waitForEvent('wait-approved', { event: 'test/approved', if: `async.data.level == 2 && async.data.ok == true`, timeout: '10m' });
        }),
        inngest.createFunction({ id: 'flaky', triggers: [{ event: 'test/flaky' }], retries: 3 }, async ({ step }) => {
          return step.run('flaky-step', () => {
            if (flakyFailures++ < 2) throw new Error(`flake ${flakyFailures}`);
            return 'finally';
          });
        }),
        inngest.createFunction({ id: 'doomed-caught', triggers: [{ event: 'test/doomed-caught' }], retries: 2 }, async ({ step }) => {
          try {
            await step.run('always-fails', () => {
              throw new Error('card declined');
            });
            return 'unreachable';
          } catch (error) {
            return { caught: (error as Error).message };
          }
        }),
        inngest.createFunction(
          {
            id: 'doomed',
            triggers: [{ event: 'test/doomed' }],
            retries: 1,
            onFailure: async ({ error, event }) => {
              failures.push(`${event.data.function_id}: ${error.message}`);
            },
          },
          async ({ step }) => {
            await step.run('boom', () => {
              throw new Error('kaput');
            });
          },
        ),
        inngest.createFunction({ id: 'fn-level', triggers: [{ event: 'test/fn-level' }], retries: 2 }, async ({ step, attempt }) => {
          const seen = await step.run('first', () => 'ok');
          if (fnLevelFailures++ < 1) throw new Error(`outside any step, attempt ${attempt}`);
          return seen;
        }),
        inngest.createFunction({ id: 'non-retriable', triggers: [{ event: 'test/non-retriable' }] }, async () => {
          throw new NonRetriableError('no point retrying');
        }),
        inngest.createFunction({ id: 'sender', triggers: [{ event: 'test/send' }] }, async ({ step }) => {
          await step.run('send-over-http', () => inngest.send({ name: 'test/sent', id: 'sent-1', data: { via: 'send' } }));
          await step.sendEvent('send-step', { name: 'test/sent', data: { via: 'step.sendEvent' } });
          return 'sent';
        }),
        inngest.createFunction({ id: 'receiver', triggers: [{ event: 'test/sent' }] }, async ({ event }) => event.data.via),
        inngest.createFunction({ id: 'filtered', triggers: [{ event: 'test/filtered', if: 'event.data.tier == "gold"' }] }, async () => 'gold'),
        inngest.createFunction({ id: 'nightly', triggers: [{ cron: '0 3 * * *' }] }, async ({ event }) => event.name),
      ],
      { protocol },
    ));
  });

  beforeEach(() => {
    executor.reset();
    calls.length = 0;
    failures.length = 0;
  });

  afterAll(() => executor.close());

  it('registers every function, with its retries and the onFailure companion', () => {
    const doomed = executor.functions.find((fn) => fn.id === 'doomed')!;
    expect(doomed).toMatchObject({ fullId: 'executor-test-doomed', appId: 'executor-test', retries: 1 });
    expect(executor.functions.find((fn) => fn.id === 'ordered')!.retries).toBe(3);
    expect(executor.functions.some((fn) => fn.id === 'doomed-failure')).toBe(true);
    expect(executor.env).toEqual({ INNGEST_DEV: '1', INNGEST_BASE_URL: executor.url });
  });

  it('runs steps in order, each exactly once, memoizing results across requests', async () => {
    await executor.send({ name: 'test/ordered', data: {} });
    await executor.settle();
    const run = only(executor.runsOf('ordered'));
    expect(run).toMatchObject({ status: 'completed', output: { a: 1, b: 2, c: { total: 3 } }, fullFnId: 'executor-test-ordered' });
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(run.steps.map((s) => [s.id, s.name, s.attempt, s.outcome])).toEqual([
      ['a', 'a', 0, 'ok'],
      ['b', 'b', 0, 'ok'],
      ['c', 'Step C', 0, 'ok'],
    ]);
    // Checkpointing runs all three steps inside the first request; plain takes one request per step and one to finish.
    expect(run.requests).toBe(protocol === 'checkpoint' ? 1 : 4);
  });

  it('plans parallel steps and runs each once', async () => {
    await executor.send({ name: 'test/parallel' });
    await executor.settle();
    expect(only(executor.runsOf('parallel'))).toMatchObject({ status: 'completed', output: 'xy' });
    expect(calls.sort()).toEqual(['x', 'y', 'z']);
  });

  it('sleeps until the virtual clock passes the duration, then until the date', async () => {
    await executor.send({ name: 'test/sleep' });
    await executor.settle();
    const run = only(executor.runsOf('sleeper'));
    expect(run.status).toBe('waiting');
    expect(run.waitingOn).toMatchObject([{ kind: 'sleep', until: executor.now() + 3_600_000 }]);
    await executor.advanceTime(59 * 60_000);
    expect(run.status).toBe('waiting');
    await executor.advanceTime(60_000);
    expect(run.waitingOn).toMatchObject([{ kind: 'sleep', until: Date.parse('2030-01-01T00:00:00Z') }]);
    expect(calls).toEqual(['before']);
    await executor.advanceTime(Date.parse('2030-01-01T00:00:00Z') - executor.now());
    expect(run).toMatchObject({ status: 'completed', output: 'rested' });
    expect(calls).toEqual(['before', 'after']);
  });

  it('waitForEvent resolves with a matching event that arrives later, ignoring non-matching and earlier ones', async () => {
    await executor.send({ name: 'test/order.paid', data: { orderId: 'o1', payer: 'too-early' } });
    await executor.send({ name: 'test/order.created', data: { orderId: 'o1' } });
    await executor.settle();
    const run = only(executor.runsOf('awaiter'));
    expect(run).toMatchObject({ status: 'waiting', waitingOn: [{ kind: 'event', event: 'test/order.paid', if: 'event.data.orderId == async.data.orderId' }] });

    await executor.send({ name: 'test/order.paid', data: { orderId: 'o2', payer: 'someone else' } });
    await executor.settle();
    expect(run.status).toBe('waiting');

    await executor.send({ name: 'test/order.paid', data: { orderId: 'o1', payer: 'alice' } });
    await executor.settle();
    expect(run).toMatchObject({ status: 'completed', output: { paidBy: 'alice' } });
  });

  it('waitForEvent returns null when its timeout passes on the virtual clock', async () => {
    await executor.send({ name: 'test/order.created', data: { orderId: 'o9' } });
    await executor.settle();
    await executor.advanceTime(86_400_000 - 1);
    const run = only(executor.runsOf('awaiter'));
    expect(run.status).toBe('waiting');
    await executor.advanceTime(1);
    expect(run).toMatchObject({ status: 'completed', output: null });
    expect(run.steps.map((s) => s.outcome)).toEqual(['waiting', 'timed-out']);
  });

  it('waitForEvent honours an `if` with literals', async () => {
    await executor.send({ name: 'test/cond' });
    await executor.settle();
    await executor.send({ name: 'test/approved', data: { level: 2, ok: false } });
    await executor.send({ name: 'test/approved', data: { level: 2, ok: true, who: 'bob' } });
    await executor.settle();
    expect(only(executor.runsOf('conditional'))).toMatchObject({ status: 'completed', output: { name: 'test/approved', data: { who: 'bob' } } });
  });

  it('retries a failing step and completes when it succeeds within its retries', async () => {
    flakyFailures = 0;
    await executor.send({ name: 'test/flaky' });
    // Retries wait out Inngest's backoff (15 s, 30 s, 1 m … plus up to 30 s jitter) on the virtual clock.
    await executor.advanceTime(RETRY_WINDOW);
    const run = only(executor.runsOf('flaky'));
    expect(run).toMatchObject({ status: 'completed', output: 'finally' });
    expect(run.steps.map((s) => [s.attempt, s.outcome, s.error?.message])).toEqual([
      [0, 'error', 'flake 1'],
      [1, 'error', 'flake 2'],
      [2, 'ok', undefined],
    ]);
  });

  it('throws a step error to the handler once retries are spent, where try/catch can handle it', async () => {
    await executor.send({ name: 'test/doomed-caught' });
    // Retries wait out Inngest's backoff (15 s, 30 s, 1 m … plus up to 30 s jitter) on the virtual clock.
    await executor.advanceTime(RETRY_WINDOW);
    const run = only(executor.runsOf('doomed-caught'));
    expect(run).toMatchObject({ status: 'completed', output: { caught: 'card declined' } });
    expect(run.steps.map((s) => [s.op, s.attempt])).toEqual([
      ['StepError', 0],
      ['StepError', 1],
      ['StepFailed', 2],
    ]);
  });

  it('fails the run when the step error is not caught, and runs onFailure with the error', async () => {
    await executor.send({ name: 'test/doomed' });
    // Retries wait out Inngest's backoff (15 s, 30 s, 1 m … plus up to 30 s jitter) on the virtual clock.
    await executor.advanceTime(RETRY_WINDOW);
    const run = only(executor.runsOf('doomed'));
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain('kaput');
    expect(only(executor.eventsNamed('inngest/function.failed')).data).toMatchObject({ function_id: 'executor-test-doomed', run_id: run.runId });
    expect(only(executor.runsOf('doomed-failure')).status).toBe('completed');
    expect(failures).toEqual([expect.stringMatching(/^executor-test-doomed: .*kaput/)]);
  });

  it('retries a function-level error as a whole request, keeping memoized steps', async () => {
    fnLevelFailures = 0;
    await executor.send({ name: 'test/fn-level' });
    // Retries wait out Inngest's backoff (15 s, 30 s, 1 m … plus up to 30 s jitter) on the virtual clock.
    await executor.advanceTime(RETRY_WINDOW);
    const run = only(executor.runsOf('fn-level'));
    expect(run).toMatchObject({ status: 'completed', output: 'ok' });
    expect(run.steps).toHaveLength(1);
  });

  it('does not retry a NonRetriableError', async () => {
    await executor.send({ name: 'test/non-retriable' });
    await executor.settle();
    const run = only(executor.runsOf('non-retriable'));
    expect(run).toMatchObject({ status: 'failed', requests: 1, error: { message: 'no point retrying' } });
  });

  it('starts one run for a duplicate event id', async () => {
    const ids = await executor.send([
      { name: 'test/ordered', id: 'dup-1' },
      { name: 'test/ordered', id: 'dup-1' },
    ]);
    await executor.send({ name: 'test/ordered', id: 'dup-1' });
    await executor.settle();
    expect(ids).toEqual(['dup-1', 'dup-1']);
    expect(executor.runsOf('ordered')).toHaveLength(1);
    expect(executor.eventsNamed('test/ordered')).toHaveLength(1);
  });

  it('takes events the app sends from a step (inngest.send over HTTP, step.sendEvent) and runs their functions', async () => {
    await executor.send({ name: 'test/send' });
    await executor.settle();
    expect(only(executor.runsOf('sender')).status).toBe('completed');
    expect(executor.eventsNamed('test/sent').map((e) => e.data.via)).toEqual(['send', 'step.sendEvent']);
    expect(executor.runsOf('receiver').map((r) => [r.status, r.output])).toEqual([
      ['completed', 'send'],
      ['completed', 'step.sendEvent'],
    ]);
  });

  it('matches trigger `if` expressions against the event', async () => {
    await executor.send([
      { name: 'test/filtered', data: { tier: 'silver' } },
      { name: 'test/filtered', data: { tier: 'gold' } },
    ]);
    await executor.settle();
    expect(only(executor.runsOf('filtered')).event.data).toEqual({ tier: 'gold' });
  });

  it('starts a cron function on demand', async () => {
    const run = await executor.triggerCron('nightly');
    await executor.settle();
    expect(run).toMatchObject({ status: 'completed', output: 'inngest/scheduled.timer', event: { data: { cron: '0 3 * * *' } } });
  });
});

describe('test executor reached through the environment, like the app client', () => {
  it('syncs and runs a client configured only by executor.env', async () => {
    let route: Route | undefined;
    const executor = await createInngestTestExecutor({ appFetch: (request) => route![request.method as 'POST'](request as NextRequest, undefined) });
    const saved = Object.fromEntries(Object.keys(executor.env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, executor.env);
    try {
      // Like inngest/client.ts: no baseUrl, no isDev; everything comes from the environment.
      const inngest = new Inngest({ id: 'env-app', logger: quiet });
      route = serve({
        client: inngest,
        functions: [
          inngest.createFunction({ id: 'relay', triggers: [{ event: 'env/ping' }] }, async ({ step }) => {
            await step.run('forward', () => inngest.send({ name: 'env/pong', data: {} }));
            return 'relayed';
          }),
        ],
      });
      expect((await executor.register()).map((fn) => fn.fullId)).toEqual(['env-app-relay']);
      await executor.send({ name: 'env/ping' });
      await executor.settle();
      expect(only(executor.runsOf('relay')).status).toBe('completed');
      expect(executor.eventsNamed('env/pong')).toHaveLength(1);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await executor.close();
    }
  });
});

describe('test executor crash simulation', () => {
  let executor: InngestTestExecutor;
  const sideEffects: string[] = [];

  beforeAll(async () => {
    ({ executor } = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'charge', triggers: [{ event: 'test/charge' }] }, async ({ step }) => {
          await step.run('charge-card', () => sideEffects.push('charged'));
          await step.run('email', () => sideEffects.push('emailed'));
          return 'done';
        }),
      ],
      { crashAfterStep: { fnId: 'charge', stepName: 'charge-card' } },
    ));
  });

  afterAll(() => executor.close());

  it('discards a step result as if the worker died, so the step body runs again', async () => {
    await executor.send({ name: 'test/charge' });
    // Retries wait out Inngest's backoff (15 s, 30 s, 1 m … plus up to 30 s jitter) on the virtual clock.
    await executor.advanceTime(RETRY_WINDOW);
    const run = only(executor.runsOf('charge'));
    expect(run.status).toBe('completed');
    expect(sideEffects).toEqual(['charged', 'charged', 'emailed']);
    expect(run.steps.map((s) => [s.id, s.attempt, s.outcome])).toEqual([
      ['charge-card', 0, 'crashed'],
      ['charge-card', 1, 'ok'],
      ['email', 0, 'ok'],
    ]);
  });
});

describe('test executor retry backoff and an unreachable app', () => {
  it('backs off before each retry and records the requests that got no answer', async () => {
    let route: Route | undefined;
    let appUp = false;
    const ran: string[] = [];
    const executor = await createInngestTestExecutor({
      retryBackoff: (attempt) => 1_000 * 2 ** (attempt - 1),
      appFetch: async (request) => {
        // A PUT (sync) always gets through; a step request while the app is "down" fails like a refused connection.
        if (request.method === 'POST' && !appUp) throw new TypeError('fetch failed: connect ECONNREFUSED');
        return route![request.method as 'POST'](request as NextRequest, undefined);
      },
    });
    try {
      const inngest = new Inngest({ id: 'backoff-app', isDev: true, baseUrl: executor.url, logger: quiet });
      route = serve({
        client: inngest,
        functions: [
          inngest.createFunction({ id: 'resilient', triggers: [{ event: 'test/resilient' }], retries: 3 }, async ({ step }) =>
            step.run('work', () => (ran.push('work'), 'done')),
          ),
        ],
      });
      await executor.register();
      await executor.send({ name: 'test/resilient' });
      await executor.settle();
      const run = only(executor.runsOf('resilient'));
      // The first attempt failed; the retry waits for its backoff instead of burning every attempt at once.
      expect(run.status).toBe('running');
      expect(run.failedRequests.map((f) => [f.attempt, f.status])).toEqual([[0, 0]]);
      expect(run.failedRequests[0]!.message).toContain('App unreachable');

      await executor.advanceTime(999);
      expect(run.failedRequests).toHaveLength(1);
      await executor.advanceTime(1);
      expect(run.failedRequests.map((f) => f.attempt)).toEqual([0, 1]);

      appUp = true;
      await executor.advanceTime(1_999);
      expect(run.status).toBe('running');
      await executor.advanceTime(1);
      expect(run).toMatchObject({ status: 'completed', output: 'done' });
      expect(ran).toEqual(['work']);
    } finally {
      await executor.close();
    }
  });

  it('retries an answer cut off mid-body (the app died while answering) instead of losing the run', async () => {
    let route: Route | undefined;
    let cutOff = 1;
    const executor = await createInngestTestExecutor({
      appFetch: async (request) => {
        const response = await route![request.method as 'POST'](request as NextRequest, undefined);
        if (request.method !== 'POST' || cutOff-- <= 0) return response;
        // Headers arrive, then the connection drops: reading the body fails the way undici's "terminated" does.
        const body = new ReadableStream({ pull: (controller) => controller.error(new TypeError('terminated')) });
        return new Response(body, { status: response.status, headers: response.headers });
      },
    });
    try {
      const inngest = new Inngest({ id: 'cut-off-app', isDev: true, baseUrl: executor.url, logger: quiet });
      route = serve({
        client: inngest,
        functions: [inngest.createFunction({ id: 'answered', triggers: [{ event: 'test/answered' }] }, async ({ step }) => step.run('work', () => 'done'))],
      });
      await executor.register();
      await executor.send({ name: 'test/answered' });
      // Retries wait out Inngest's backoff (15 s, 30 s, 1 m … plus up to 30 s jitter) on the virtual clock.
      await executor.advanceTime(RETRY_WINDOW);
      const run = only(executor.runsOf('answered'));
      expect(run).toMatchObject({ status: 'completed', output: 'done' });
      expect(run.failedRequests.map((f) => [f.attempt, f.status])).toEqual([[0, 0]]);
      expect(run.failedRequests[0]!.message).toContain('terminated');
    } finally {
      await executor.close();
    }
  });
});
