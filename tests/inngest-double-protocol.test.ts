import { Inngest } from 'inngest';
import { serve } from 'inngest/next';
import type { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInngestTestExecutor, type InngestTestExecutor, type InngestTestExecutorOptions } from './support/inngest-executor';
import { hashedSigningKey, signatureProblem, signBody } from './support/inngest-executor/signing';

/**
 * Conformance of the engine double with the protocol SDK v4.24.0 speaks to a real Inngest engine: one
 * test per behaviour, in the checkpointing request shape production uses and in the plain one, plus
 * signed mode. Small functions served by the real `serve()` of `inngest/next`, called in-process; every
 * request to the app and every answer is kept on a wire log, so a test can check what travelled.
 */

type Route = ReturnType<typeof serve>;
type Functions = Parameters<typeof serve>[0]['functions'];
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

interface WireEntry {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** 0 while the app has not answered. */
  status: number;
  answer: string;
}

interface App {
  executor: InngestTestExecutor;
  inngest: Inngest;
  wire: WireEntry[];
  /** Rewrites requests on their way to the app, or answers on their way back (a proxy in the middle). */
  tamper: { request?: (request: Request) => Request; response?: (response: Response) => Response };
}

const SIGNING_KEY = 'signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const OTHER_KEY = 'signkey-test-fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';

async function startApp(define: (inngest: Inngest) => Functions, options: InngestTestExecutorOptions = {}, appSigningKey = options.signingKey): Promise<App> {
  let route: Route | undefined;
  const wire: WireEntry[] = [];
  const tamper: App['tamper'] = {};
  const executor = await createInngestTestExecutor({
    ...options,
    appFetch: async (original) => {
      const request = tamper.request ? tamper.request(original) : original;
      const body = await request.clone().text();
      const method = request.method as 'GET' | 'POST' | 'PUT';
      // Logged before the app answers, so a test sees a request that is still in flight.
      const entry: WireEntry = { method, url: new URL(request.url), headers: request.headers, body, status: 0, answer: '' };
      wire.push(entry);
      let response = await route![method](request as NextRequest, undefined);
      if (tamper.response) response = tamper.response(response);
      Object.assign(entry, { status: response.status, answer: await response.clone().text() });
      return response;
    },
  });
  const inngest = options.signingKey
    ? new Inngest({ id: 'protocol-test', isDev: false, baseUrl: executor.url, signingKey: appSigningKey, eventKey: executor.eventKey, logger: quiet })
    : new Inngest({ id: 'protocol-test', isDev: true, baseUrl: executor.url, logger: quiet });
  route = serve({ client: inngest, functions: define(inngest) });
  return { executor, inngest, wire, tamper };
}

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

const posts = (app: App) => app.wire.filter((entry) => entry.method === 'POST');
const ctxOf = (entry: WireEntry) => (JSON.parse(entry.body) as { ctx: Record<string, unknown> }).ctx;

/** The functions every mode runs: one per op the SDK can answer with. */
function functions(calls: string[], counters: { flaky: number }) {
  return (inngest: Inngest): Functions => [
    inngest.createFunction({ id: 'sequence', triggers: [{ event: 'p/sequence' }] }, async ({ step }) => {
      const a = await step.run('a', () => (calls.push('a'), 1));
      const b = await step.run('b', () => (calls.push('b'), a + 1));
      return { sum: a + b };
    }),
    inngest.createFunction({ id: 'flaky', triggers: [{ event: 'p/flaky' }], retries: 2 }, async ({ step }) => {
      const before = await step.run('before', () => (calls.push('before'), 'ok'));
      const flaky = await step.run('flaky', () => {
        calls.push('flaky');
        if (counters.flaky++ < 1) throw new Error('warehouse down');
        return 'shipped';
      });
      return { before, flaky };
    }),
    inngest.createFunction({ id: 'doomed', triggers: [{ event: 'p/doomed' }], retries: 1 }, async ({ step }) => {
      try {
        await step.run('always-fails', () => {
          calls.push('always-fails');
          throw new Error('card declined');
        });
        return 'unreachable';
      } catch (error) {
        return step.run('after-failure', () => ({ caught: (error as Error).message }));
      }
    }),
    inngest.createFunction({ id: 'sleeper', triggers: [{ event: 'p/sleep' }] }, async ({ step }) => {
      await step.run('before-nap', () => calls.push('before-nap'));
      await step.sleep('nap', '1h');
      return step.run('after-nap', () => (calls.push('after-nap'), 'rested'));
    }),
    inngest.createFunction({ id: 'waiter', triggers: [{ event: 'p/order' }] }, async ({ step, event }) => {
      await step.run('confirm', () => calls.push('confirm'));
      const paid = await step.waitForEvent('wait-paid', { event: 'p/paid', if: `async.data.orderId == "${event.data.orderId}"`, timeout: '30m' });
      return step.run('after-wait', () => (paid ? { paidBy: paid.data.payer } : { timedOut: true }));
    }),
    inngest.createFunction({ id: 'parallel', triggers: [{ event: 'p/parallel' }] }, async ({ step }) => {
      const [x, y] = await Promise.all([step.run('x', () => (calls.push('x'), 'x')), step.run('y', () => (calls.push('y'), 'y'))]);
      return step.run('z', () => (calls.push('z'), `${x}${y}`));
    }),
    inngest.createFunction({ id: 'buffered', triggers: [{ event: 'p/buffered' }], checkpointing: { bufferedSteps: 2 } }, async ({ step }) => {
      const a = await step.run('a', () => 1);
      const b = await step.run('b', () => a + 1);
      return step.run('c', () => a + b);
    }),
    inngest.createFunction({ id: 'no-checkpointing', triggers: [{ event: 'p/no-checkpointing' }], checkpointing: false }, async ({ step }) => {
      const a = await step.run('a', () => 1);
      return step.run('b', () => a + 1);
    }),
  ];
}

describe.each(['checkpoint', 'plain'] as const)('the double in %s protocol', (protocol) => {
  let app: App;
  const calls: string[] = [];
  const counters = { flaky: 0 };
  const checkpointing = protocol === 'checkpoint';
  /** Where step results travelled: mid-request to the checkpoint API, or in the request's answer. */
  const viaOf = (fnId: string) =>
    only(app.executor.runsOf(fnId))
      .steps.filter((s) => s.outcome === 'ok')
      .map((s) => `${s.id}:${s.via}`);

  beforeAll(async () => {
    app = await startApp(functions(calls, counters), { protocol });
    await app.executor.register();
  });
  afterAll(() => app.executor.close());
  beforeEach(() => {
    app.executor.reset();
    app.wire.length = 0;
    calls.length = 0;
    counters.flaky = 0;
    app.tamper.request = app.tamper.response = undefined;
  });

  it('sends the request body a real engine sends in this protocol', async () => {
    await app.executor.send({ name: 'p/sequence', data: {} });
    await app.executor.settle();
    const first = posts(app)[0]!;
    const body = JSON.parse(first.body) as Record<string, unknown>;
    const run = only(app.executor.runsOf('sequence'));
    expect(body).toMatchObject({ version: -1, use_api: false, steps: {}, event: { name: 'p/sequence', user: {} } });
    expect(first.url.searchParams.get('fnId')).toBe('protocol-test-sequence');
    expect(first.url.searchParams.get('stepId')).toBe('step');
    expect(ctxOf(first)).toMatchObject({
      run_id: run.runId,
      attempt: 0,
      max_attempts: 4,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: [], current: 0 },
    });
    if (checkpointing) {
      expect(ctxOf(first)).toMatchObject({
        fn_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        qi_id: expect.any(String),
        request_id: expect.any(String),
        generation_id: expect.any(Number),
      });
      expect(Buffer.from(ctxOf(first).qi_id as string, 'base64').toString()).toMatch(/^[0-9a-f-]{36}::/);
      expect(first.headers.get('x-request-id')).toBe(ctxOf(first).request_id);
    } else {
      expect(ctxOf(first)).not.toHaveProperty('fn_id');
      expect(ctxOf(first)).not.toHaveProperty('qi_id');
    }
    expect(first.headers.get('x-run-id')).toBe(run.runId);
  });

  it('StepRun: each step runs once and its result is memoized, checkpointed within one request or answered one per request', async () => {
    await app.executor.send({ name: 'p/sequence', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('sequence'));
    expect(run).toMatchObject({ status: 'completed', output: { sum: 3 } });
    expect(calls).toEqual(['a', 'b']);
    expect(viaOf('sequence')).toEqual(checkpointing ? ['a:checkpoint', 'b:checkpoint'] : ['a:answer', 'b:answer']);
    expect(run.requests).toBe(checkpointing ? 1 : 3);
  });

  it('RunComplete: the function’s return value ends the run, as an op after checkpointing, as the 200 answer otherwise', async () => {
    await app.executor.send({ name: 'p/sequence', data: {} });
    await app.executor.settle();
    const last = posts(app).at(-1)!;
    if (checkpointing) {
      expect(last.status).toBe(206);
      expect(JSON.parse(last.answer)).toEqual([expect.objectContaining({ op: 'RunComplete', data: { sum: 3 } })]);
    } else {
      expect(last.status).toBe(200);
      expect(JSON.parse(last.answer)).toEqual({ sum: 3 });
    }
    expect(only(app.executor.runsOf('sequence')).output).toEqual({ sum: 3 });
  });

  it('StepError: a failing step is retried with the next attempt, the steps before it are not run again', async () => {
    await app.executor.send({ name: 'p/flaky', data: {} });
    await app.executor.settle({ retries: true });
    const run = only(app.executor.runsOf('flaky'));
    expect(run).toMatchObject({ status: 'completed', output: { before: 'ok', flaky: 'shipped' } });
    expect(calls).toEqual(['before', 'flaky', 'flaky']);
    expect(run.steps.map((s) => [s.id, s.attempt, s.outcome])).toEqual([
      ['before', 0, 'ok'],
      ['flaky', 0, 'error'],
      ['flaky', 1, 'ok'],
    ]);
    // A retry asks for its step by id, which turns checkpointing off for that request.
    expect(viaOf('flaky')).toEqual(checkpointing ? ['before:checkpoint', 'flaky:answer'] : ['before:answer', 'flaky:answer']);
  });

  it('StepFailed: a step out of retries rejects in user code, which can carry on', async () => {
    await app.executor.send({ name: 'p/doomed', data: {} });
    await app.executor.settle({ retries: true });
    const run = only(app.executor.runsOf('doomed'));
    expect(run).toMatchObject({ status: 'completed', output: { caught: 'card declined' } });
    expect(run.steps.map((s) => [s.id, s.attempt, s.outcome])).toEqual([
      ['always-fails', 0, 'error'],
      ['always-fails', 1, 'failed'],
      ['after-failure', 0, 'ok'],
    ]);
    expect(viaOf('doomed')).toEqual([checkpointing ? 'after-failure:checkpoint' : 'after-failure:answer']);
  });

  it('Sleep: the run waits on the virtual clock and carries on after it', async () => {
    await app.executor.send({ name: 'p/sleep', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('sleeper'));
    expect(run.status).toBe('waiting');
    expect(run.waitingOn).toEqual([expect.objectContaining({ kind: 'sleep', until: app.executor.now() + 3_600_000 })]);
    await app.executor.advanceTime(3_600_000);
    expect(run).toMatchObject({ status: 'completed', output: 'rested' });
    expect(calls).toEqual(['before-nap', 'after-nap']);
    expect(viaOf('sleeper')).toEqual(checkpointing ? ['before-nap:checkpoint', 'after-nap:checkpoint'] : ['before-nap:answer', 'after-nap:answer']);
  });

  it('WaitForEvent: a matching event resumes the run with it, an unmatched one does not', async () => {
    await app.executor.send({ name: 'p/order', data: { orderId: 'o1' } });
    await app.executor.settle();
    const run = only(app.executor.runsOf('waiter'));
    expect(run.status).toBe('waiting');
    await app.executor.send({ name: 'p/paid', data: { orderId: 'o2', payer: 'mallory' } });
    await app.executor.settle();
    expect(run.status).toBe('waiting');
    await app.executor.send({ name: 'p/paid', data: { orderId: 'o1', payer: 'alice' } });
    await app.executor.settle();
    expect(run).toMatchObject({ status: 'completed', output: { paidBy: 'alice' } });
    expect(run.steps.filter((s) => s.id === 'wait-paid').map((s) => s.outcome)).toEqual(['waiting', 'resumed']);
    expect(viaOf('waiter')).toEqual(checkpointing ? ['confirm:checkpoint', 'after-wait:checkpoint'] : ['confirm:answer', 'after-wait:answer']);
  });

  it('WaitForEvent: the timeout resolves the wait to null', async () => {
    await app.executor.send({ name: 'p/order', data: { orderId: 'o3' } });
    await app.executor.settle();
    await app.executor.advanceTime(30 * 60_000);
    expect(only(app.executor.runsOf('waiter'))).toMatchObject({ status: 'completed', output: { timedOut: true } });
  });

  it('StepPlanned: parallel steps are planned together, each run once in its own request, then the run goes on', async () => {
    await app.executor.send({ name: 'p/parallel', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('parallel'));
    expect(run).toMatchObject({ status: 'completed', output: 'xy' });
    expect(calls.sort()).toEqual(['x', 'y', 'z']);
    const planned = JSON.parse(posts(app)[0]!.answer) as { op: string }[];
    expect(planned.map((op) => op.op)).toEqual(['StepPlanned', 'StepPlanned']);
    // While parallel, the engine disables immediate execution (which also turns checkpointing off) and asks
    // for each planned step by id; the discovery after the last one turns both back on.
    expect(posts(app).map((entry) => [entry.url.searchParams.get('stepId') === 'step' ? 'discover' : 'run', ctxOf(entry).disable_immediate_execution])).toEqual(
      [
        ['discover', false],
        ['run', true],
        ['run', true],
        ...(checkpointing
          ? [['discover', false]]
          : [
              ['discover', false],
              ['discover', false],
            ]),
      ],
    );
    expect(viaOf('parallel')).toEqual(checkpointing ? ['x:answer', 'y:answer', 'z:checkpoint'] : ['x:answer', 'y:answer', 'z:answer']);
  });

  it('buffered checkpoints: results POSTed in batches, the rest answered with RunComplete, each applied once', async () => {
    await app.executor.send({ name: 'p/buffered', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('buffered'));
    expect(run).toMatchObject({ status: 'completed', output: 3 });
    expect(viaOf('buffered')).toEqual(checkpointing ? ['a:checkpoint', 'b:checkpoint', 'c:answer'] : ['a:answer', 'b:answer', 'c:answer']);
    if (checkpointing) expect(JSON.parse(only(posts(app)).answer).map((op: { op: string }) => op.op)).toEqual(['StepRun', 'RunComplete']);
  });

  it('a function with `checkpointing: false` runs one step per request whatever the engine sends', async () => {
    await app.executor.send({ name: 'p/no-checkpointing', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('no-checkpointing'));
    expect(run).toMatchObject({ status: 'completed', output: 2 });
    expect(viaOf('no-checkpointing')).toEqual(['a:answer', 'b:answer']);
    expect(run.requests).toBe(3);
  });

  it('an op the double does not know fails the run and the settle() loudly', async () => {
    app.tamper.response = (response) => {
      if (response.status !== 206) return response;
      return new Response(JSON.stringify([{ id: 'x', op: 'AIGateway', name: 'x' }]), { status: 206, headers: response.headers });
    };
    await app.executor.send({ name: 'p/parallel', data: {} });
    const settled = await app.executor.settle().then(
      () => 'settled',
      (error: Error) => error.message,
    );
    expect(settled).toMatch(/does not support the "AIGateway" op/);
    expect(only(app.executor.runsOf('parallel')).status).toBe('failed');
  });
});

describe('the checkpoint API', () => {
  let app: App;
  let release: () => void = () => {};
  let runId = '';

  beforeAll(async () => {
    app = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'holder', triggers: [{ event: 'p/hold' }] }, async ({ step, runId: id }) => {
          runId = id;
          await step.run('first', () => 'first');
          // Held open so a test can call the checkpoint API while this request is in flight.
          await step.run('held', () => new Promise<void>((resolve) => (release = resolve)));
          return 'done';
        }),
      ],
      { protocol: 'checkpoint' },
    );
    await app.executor.register();
  });
  afterAll(() => app.executor.close());

  const post = (path: string, body: unknown) =>
    fetch(new URL(path, app.executor.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses a checkpoint for a queue item that is not in flight (409, a stale dispatch) and an async op (400)', async () => {
    await app.executor.send({ name: 'p/hold', data: {} });
    const settled = app.executor.settle();
    await expect.poll(() => only(app.executor.runsOf('holder')).steps.length).toBe(1);
    const inFlight = ctxOf(only(posts(app)));
    const stale = await post(`/v1/checkpoint/${runId}/async`, { run_id: runId, fn_id: inFlight.fn_id, qi_id: 'bm90LWluLWZsaWdodDo6c2hhcmQ=', steps: [] });
    expect(stale.status).toBe(409);
    const sleep = await post(`/v1/checkpoint/${runId}/async`, {
      run_id: runId,
      fn_id: inFlight.fn_id,
      qi_id: inFlight.qi_id,
      steps: [{ id: 'nap', op: 'Sleep', name: '1h' }],
    });
    expect(sleep.status).toBe(400);
    expect(await sleep.json()).toMatchObject({ message: 'cannot checkpoint opcode: Sleep' });
    release();
    await settled;
    expect(only(app.executor.runsOf('holder'))).toMatchObject({ status: 'completed', output: 'done' });
  });

  it('refuses the sync (Durable Endpoint) checkpoint routes, which served functions never call', async () => {
    const res = await post('/v1/checkpoint', { run_id: 'x', event: {}, steps: [] });
    expect(res.status).toBe(501);
    await expect(app.executor.settle()).rejects.toThrow(/sync checkpoint API/);
  });
});

describe('a simulated crash while checkpointing', () => {
  it('discards the checkpointed result, stops the request, and the retried request runs the step again', async () => {
    const calls: string[] = [];
    const app = await startApp(
      (inngest) => [
        inngest.createFunction({ id: 'crashy', triggers: [{ event: 'p/crash' }] }, async ({ step }) => {
          const a = await step.run('a', () => (calls.push('a'), 1));
          const b = await step.run('b', () => (calls.push('b'), a + 1));
          return step.run('c', () => (calls.push('c'), b + 1));
        }),
      ],
      { protocol: 'checkpoint', crashAfterStep: { stepName: 'b' } },
    );
    try {
      await app.executor.register();
      await app.executor.send({ name: 'p/crash', data: {} });
      await app.executor.settle({ retries: true });
      const run = only(app.executor.runsOf('crashy'));
      expect(run).toMatchObject({ status: 'completed', output: 3 });
      // Nothing after the crash ran in the crashed request: `c` ran once, after `b` ran again.
      expect(calls).toEqual(['a', 'b', 'b', 'c']);
      expect(run.steps.map((s) => [s.id, s.attempt, s.outcome, s.via])).toEqual([
        ['a', 0, 'ok', 'checkpoint'],
        ['b', 0, 'crashed', 'checkpoint'],
        // The retry is attempt 1, where the SDK answers with the step instead of checkpointing it.
        ['b', 1, 'ok', 'answer'],
        ['c', 0, 'ok', 'checkpoint'],
      ]);
      expect(run.failedRequests).toEqual([]);
    } finally {
      await app.executor.close();
    }
  });
});

describe.each(['checkpoint', 'plain'] as const)('signed mode, %s protocol', (protocol) => {
  let app: App;
  const calls: string[] = [];
  const define = (inngest: Inngest): Functions => [
    inngest.createFunction({ id: 'signed', triggers: [{ event: 'p/signed' }] }, async ({ step }) => {
      const a = await step.run('a', () => (calls.push('a'), 1));
      await step.sleep('nap', '1m');
      return step.run('b', () => (calls.push('b'), a + 1));
    }),
  ];

  beforeAll(async () => {
    app = await startApp(define, { protocol, signingKey: SIGNING_KEY });
    await app.executor.register();
  });
  afterAll(() => app.executor.close());
  beforeEach(() => {
    app.executor.reset();
    app.wire.length = 0;
    calls.length = 0;
    app.tamper.request = app.tamper.response = undefined;
  });

  it('gives the app a cloud-mode environment', () => {
    expect(app.executor.env).toEqual({
      INNGEST_DEV: '0',
      INNGEST_BASE_URL: app.executor.url,
      INNGEST_SIGNING_KEY: SIGNING_KEY,
      INNGEST_EVENT_KEY: app.executor.eventKey,
      INNGEST_SERVE_ORIGIN: 'http://app.test',
    });
    expect(app.inngest.mode).toBe('cloud');
  });

  it('signs every request, checks every answer, and the run completes', async () => {
    await app.inngest.send({ name: 'p/signed', data: {} });
    await app.executor.settle();
    await app.executor.advanceTime(60_000);
    const run = only(app.executor.runsOf('signed'));
    expect(run).toMatchObject({ status: 'completed', output: 2 });
    expect(calls).toEqual(['a', 'b']);
    for (const entry of posts(app)) {
      expect(signatureProblem(entry.headers.get('x-inngest-signature'), entry.body, SIGNING_KEY)).toBeUndefined();
      expect(entry.headers.get('x-inngest-server-kind')).toBe('cloud');
    }
    // Checkpoints carry the hashed key; a refused one would have come back in the answer instead.
    expect(run.steps.filter((s) => s.outcome === 'ok').map((s) => s.via)).toEqual(
      protocol === 'checkpoint' ? ['checkpoint', 'checkpoint'] : ['answer', 'answer'],
    );
  });

  it('the SDK refuses a request whose signature is another key’s, and the run fails', async () => {
    app.tamper.request = (request) => {
      if (request.method !== 'POST') return request;
      const headers = new Headers(request.headers);
      headers.set('x-inngest-signature', signBody('{"forged":true}', SIGNING_KEY));
      return new Request(request, { headers });
    };
    await app.executor.send({ name: 'p/signed', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('signed'));
    expect(run.status).toBe('failed');
    expect(run.failedRequests.map((r) => r.status)).toEqual([401]);
    expect(calls).toEqual([]);
  });

  it('the SDK refuses a request without a signature', async () => {
    app.tamper.request = (request) => {
      const headers = new Headers(request.headers);
      headers.delete('x-inngest-signature');
      return new Request(request, { headers });
    };
    await app.executor.send({ name: 'p/signed', data: {} });
    await app.executor.settle();
    expect(only(app.executor.runsOf('signed')).failedRequests.map((r) => r.status)).toEqual([401]);
    expect(calls).toEqual([]);
  });

  it.each([
    ['missing', (headers: Headers) => headers.delete('x-inngest-signature'), /no X-Inngest-Signature/],
    ['made with another key', (headers: Headers) => headers.set('x-inngest-signature', signBody('[]', OTHER_KEY)), /does not match the body/],
  ])('an answer whose signature is %s fails the run', async (_, change, message) => {
    app.tamper.response = (response) => {
      const headers = new Headers(response.headers);
      change(headers);
      return new Response(response.body, { status: response.status, headers });
    };
    await app.executor.send({ name: 'p/signed', data: {} });
    await app.executor.settle();
    const run = only(app.executor.runsOf('signed'));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ name: 'ResponseSignatureError', message: expect.stringMatching(message) });
    expect(run.steps.filter((s) => s.outcome === 'ok' && s.via === 'answer')).toEqual([]);
  });

  it('syncs in band: a signed PUT, answered with the functions in a signed body', async () => {
    app.wire.length = 0;
    const fns = await app.executor.register();
    expect(fns.map((fn) => fn.id)).toEqual(['signed']);
    const put = only(app.wire.filter((entry) => entry.method === 'PUT'));
    expect(put.headers.get('x-inngest-sync-kind')).toBe('in_band');
    expect(JSON.parse(put.body)).toEqual({ url: 'http://app.test/api/inngest' });
    expect(JSON.parse(put.answer)).toMatchObject({ app_id: 'protocol-test', functions: [expect.objectContaining({ id: 'protocol-test-signed' })] });
  });

  it('the event API wants the event key', async () => {
    const wrong = await fetch(new URL('/e/not-the-key', app.executor.url), { method: 'POST', body: JSON.stringify({ name: 'p/signed', data: {} }) });
    expect(wrong.status).toBe(401);
    const stranger = new Inngest({ id: 'stranger', isDev: false, baseUrl: app.executor.url, eventKey: 'not-the-key', logger: quiet });
    await expect(stranger.send({ name: 'p/signed', data: {} })).rejects.toThrow();
    expect(app.executor.runs).toEqual([]);
  });

  it('the sync and checkpoint APIs want the hashed signing key as bearer', async () => {
    const call = (path: string, authorization?: string) =>
      fetch(new URL(path, app.executor.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: '{"steps":[]}',
      });
    for (const path of ['/fn/register', '/v1/checkpoint/run-1/async']) {
      expect((await call(path)).status, path).toBe(401);
      expect((await call(path, `Bearer ${hashedSigningKey(OTHER_KEY)}`)).status, path).toBe(401);
    }
    // The right key gets past authentication: a checkpoint for no request in flight is stale.
    expect((await call('/v1/checkpoint/run-1/async', `Bearer ${hashedSigningKey(SIGNING_KEY)}`)).status).toBe(409);
  });
});

describe('signed sync', () => {
  const define = (inngest: Inngest): Functions => [inngest.createFunction({ id: 'lonely', triggers: [{ event: 'p/lonely' }] }, async () => 'ok')];

  it('is refused when the app has another signing key, in band and out of band', async () => {
    for (const sync of ['in-band', 'out-of-band'] as const) {
      const app = await startApp(define, { signingKey: SIGNING_KEY, sync }, OTHER_KEY);
      try {
        await expect(app.executor.register(), sync).rejects.toThrow(/did not register any function/);
        expect(app.executor.functions, sync).toEqual([]);
        expect(only(app.wire).status, sync).toBe(401);
      } finally {
        await app.executor.close();
      }
    }
  });

  it('out of band: a signed empty PUT, then the SDK registers with the hashed key', async () => {
    const app = await startApp(define, { signingKey: SIGNING_KEY, sync: 'out-of-band' });
    try {
      expect((await app.executor.register()).map((fn) => fn.id)).toEqual(['lonely']);
      const put = only(app.wire);
      expect(put.headers.get('x-inngest-sync-kind')).toBeNull();
      expect(put.body).toBe('');
      expect(put.status).toBe(200);
    } finally {
      await app.executor.close();
    }
  });
});
