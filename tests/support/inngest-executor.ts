/**
 * A stand-in for the Inngest engine (Dev Server) for integration and browser tests. It speaks the SDK's
 * HTTP protocol to the app's real `serve()` handler, so functions run exactly as they would under Inngest:
 * memoized steps, retries, `StepFailed` errors surfacing in user code, sleeps, `waitForEvent`, `sendEvent`,
 * `onFailure`. Time is virtual: sleeps, timeouts and retries (Inngest's backoff, 15 s and up) end only when a
 * test calls `advanceTime` (or `settle({ retries: true })` for retries). Requests of different runs go to the
 * app concurrently, within concurrency limits, priority order and worker slots (docs/workflow-engine-double.md).
 *
 *   const executor = await createInngestTestExecutor({ appFetch: (req) => route[req.method](req) });
 *   Object.assign(process.env, executor.env); // INNGEST_DEV=1, INNGEST_BASE_URL=<executor url>
 *   await executor.register();
 *   await executor.send({ name: 'shop/order.placed', data: { orderId } });
 *   await executor.settle();
 *   expect(executor.runsOf('send-order-confirmation')[0]?.status).toBe('completed');
 *
 * By default requests take the checkpointing shape a current Inngest engine sends (`protocol:
 * 'checkpoint'`; `'plain'` for one step per request), and `signingKey` runs the app in cloud mode with
 * signed requests, answers and sync. docs/workflow-engine-double.md describes both, and where the double
 * still differs from Inngest.
 *
 * The parts live in ./inngest-executor/: the HTTP surface, function registry, request shapes and
 * signatures, the checkpoint API, op handling, waits, the run store, and scheduling (scheduler,
 * concurrency, backoff, event dedupe).
 */
import { Executor } from './inngest-executor/executor';
import type { InngestTestExecutor, InngestTestExecutorOptions } from './inngest-executor/types';

export type * from './inngest-executor/types';
export { DEFAULT_APP_URL } from './inngest-executor/executor';
export { parseDuration } from './inngest-executor/duration';

export async function createInngestTestExecutor(options: InngestTestExecutorOptions = {}): Promise<InngestTestExecutor> {
  if (options.appFetch && options.appUrl && !/^https?:\/\//.test(options.appUrl)) {
    throw new Error(`appUrl must be an absolute http(s) URL, got ${JSON.stringify(options.appUrl)}`);
  }
  return new Executor(options).listen();
}
