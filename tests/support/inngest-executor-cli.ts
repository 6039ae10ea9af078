/**
 * The test executor as a stand-alone process, standing in for the Inngest Dev Server in browser tests:
 *
 *   npx tsx tests/support/inngest-executor-cli.ts --port 3198 --app http://localhost:3100/api/inngest
 *
 * Start the app with INNGEST_DEV=1 INNGEST_BASE_URL=http://127.0.0.1:3198. The executor keeps trying to sync
 * with the app until it answers, then runs functions as events arrive. Its clock follows real time here, so
 * sleeps and waitForEvent timeouts end on their own; tests can still jump ahead with
 * `POST /test/advance {"ms": …}` and read runs and events with `GET /test/state`.
 *
 * Requests take the checkpointing shape production gets (steps run within one request and their results
 * are POSTed to this process's `/v1/checkpoint/…`); `--protocol plain` sends one step per request instead.
 * Flags fall back to E2E_INNGEST_PORT (default 3198) and E2E_INNGEST_APP_URL. A failed attempt is retried
 * after a backoff that doubles from `--retry-backoff-ms` (default 1000, capped at 16×; 0 retries at once),
 * so an app that is down for a few seconds (restarting) does not use up a step's retries. It logs one
 * line per run state change, and stops on SIGINT/SIGTERM or when the process that started it goes away.
 * `--app` names the shared pool's endpoint; every other workflow pool the configuration serves
 * (WORKFLOW_SERVE_POOLS, default all) is synced too, at `<app>/<pool>`, each as its own app.
 */
import { DEFAULT_POOL, workflowPoolConfig } from '@/inngest/pools';
import { createInngestTestExecutor, type InngestTestExecutor } from './inngest-executor';

const DEFAULT_PORT = 3198;
const SYNC_RETRY_MS = 500;
const SYNC_GIVE_UP_MS = 300_000;

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function options(): { port: number; appUrl: string; backoffMs: number; protocol: 'checkpoint' | 'plain' } {
  const rawPort = flag('port') ?? process.env.E2E_INNGEST_PORT ?? String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`Not a port number: ${rawPort}`);
  const appUrl = flag('app') ?? process.env.E2E_INNGEST_APP_URL;
  if (!appUrl || !/^https?:\/\//.test(appUrl)) throw new Error('Pass the app serve endpoint: --app http://localhost:3100/api/inngest');
  const rawBackoff = flag('retry-backoff-ms') ?? '1000';
  const backoffMs = Number(rawBackoff);
  if (!Number.isInteger(backoffMs) || backoffMs < 0) throw new Error(`Not a backoff in milliseconds: ${rawBackoff}`);
  const protocol = flag('protocol') ?? 'checkpoint';
  if (protocol !== 'checkpoint' && protocol !== 'plain') throw new Error(`--protocol is checkpoint or plain, got ${protocol}`);
  return { port, appUrl, backoffMs, protocol };
}

const log = (line: string) => console.log(`[inngest-executor] ${line}`);

/** The app usually boots after this process (it needs our URL), so sync is retried until it answers. */
async function syncWhenUp(executor: InngestTestExecutor, appUrl: string): Promise<void> {
  const deadline = Date.now() + SYNC_GIVE_UP_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const fns = await executor.register(appUrl);
      log(`synced ${appUrl}: ${fns.map((fn) => fn.id).join(', ')}`);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastError) log(`waiting for ${appUrl} (${message})`);
      lastError = message;
      await new Promise((resolve) => setTimeout(resolve, SYNC_RETRY_MS));
    }
  }
  throw new Error(`Gave up syncing ${appUrl} after ${SYNC_GIVE_UP_MS / 1000}s: ${lastError}`);
}

function stopOnExitSignals(executor: InngestTestExecutor): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})`);
    void executor.close().finally(() => process.exit(0));
    // Never outlive a stop request because of a request still in flight to the app.
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  // A parent killed with SIGKILL runs no trap; orphans are re-parented, which shows as a new ppid.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('parent process exited');
  }, 1_000).unref();
}

async function main(): Promise<void> {
  const { port, appUrl, backoffMs, protocol } = options();
  const retryBackoff = (attempt: number) => backoffMs * 2 ** Math.min(attempt - 1, 4);
  const executor = await createInngestTestExecutor({ port, appUrl, protocol, realTime: true, autoSettle: true, retryBackoff, log }).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new Error(code === 'EADDRINUSE' ? `Port ${port} is in use: is an earlier executor still running?` : String(error));
  });
  stopOnExitSignals(executor);
  log(
    `listening on ${executor.url} (${protocol} protocol); app env: ${Object.entries(executor.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  for (const pool of workflowPoolConfig().served) await syncWhenUp(executor, pool === DEFAULT_POOL ? appUrl : `${appUrl.replace(/\/$/, '')}/${pool}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
