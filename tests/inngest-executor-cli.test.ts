import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Inngest } from 'inngest';
import { serve } from 'inngest/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InngestTestRun } from './support/inngest-executor';

/**
 * The stand-alone engine that browser tests start (scripts/e2e-server.sh), as its own process over real
 * HTTP: it syncs an app, runs a function in the checkpointing protocol (the SDK POSTs step results to the
 * process's checkpoint API) and sleeps on its real-time clock.
 */

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

describe('the stand-alone engine (inngest-executor-cli)', () => {
  let engine: ChildProcess;
  let app: Server;
  let engineUrl = '';
  let inngest: Inngest;

  beforeAll(async () => {
    const [enginePort, appPort] = [await freePort(), await freePort()];
    engineUrl = `http://127.0.0.1:${enginePort}`;
    inngest = new Inngest({ id: 'cli-test', isDev: true, baseUrl: engineUrl, logger: quiet });
    const fn = inngest.createFunction({ id: 'two-steps', triggers: [{ event: 'cli/go' }] }, async ({ step }) => {
      const a = await step.run('a', () => 1);
      await step.sleep('nap', '1s');
      return step.run('b', () => a + 1);
    });
    app = createServer(serve({ client: inngest, functions: [fn] }));
    await new Promise<void>((resolve) => app.listen(appPort, '127.0.0.1', () => resolve()));
    engine = spawn(
      'node',
      ['--import', 'tsx', 'tests/support/inngest-executor-cli.ts', '--port', String(enginePort), '--app', `http://127.0.0.1:${appPort}/api/inngest`],
      {
        stdio: 'ignore',
      },
    );
    // The process syncs once tsx has compiled it and the app answers.
    for (const deadline = Date.now() + 30_000; ; ) {
      const state = await fetch(`${engineUrl}/test/state`).then(
        (r) => r.json() as Promise<{ functions: unknown[] }>,
        () => ({ functions: [] }),
      );
      if (state.functions.length) break;
      if (Date.now() > deadline) throw new Error('the stand-alone engine did not sync the app within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 60_000);

  afterAll(async () => {
    engine?.kill('SIGTERM');
    await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  });

  it('syncs the app and runs a function to the end, checkpointing its steps', async () => {
    await inngest.send({ name: 'cli/go', data: {} });
    let run: InngestTestRun | undefined;
    await expect
      .poll(
        async () => {
          run = ((await fetch(`${engineUrl}/test/state`).then((r) => r.json())) as { runs: InngestTestRun[] }).runs[0];
          return run?.status;
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe('completed');
    expect(run!.output).toBe(2);
    expect(run!.steps.filter((s) => s.outcome === 'ok').map((s) => `${s.id}:${s.via}`)).toEqual(['a:checkpoint', 'b:checkpoint']);
    expect(run!.requests).toBe(2);
  });
});
