/**
 * The email capture server as a stand-alone process, for the browser tests: the production server
 * started by scripts/e2e-server.sh sends through the real Resend SDK to it (RESEND_BASE_URL), and the
 * tests read what arrived with `GET /messages`.
 *
 *   npx tsx tests/support/email-capture-cli.ts        # port from E2E_MAIL_PORT, default 3199
 *
 * It stops on SIGINT/SIGTERM, and also when the process that started it goes away, so a killed e2e
 * server never leaves it holding the port.
 */
import { startEmailCaptureServer } from './email-capture-server';

const DEFAULT_PORT = 3199;

function portFromEnv(): number {
  const raw = process.env.E2E_MAIL_PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`E2E_MAIL_PORT is not a port number: ${raw}`);
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv();
  const server = await startEmailCaptureServer({ port, host: '127.0.0.1' }).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new Error(code === 'EADDRINUSE' ? `Port ${port} is in use: is an earlier email capture server still running?` : String(error));
  });
  console.log(`email capture server listening on ${server.url} (GET/DELETE ${server.url}/messages)`);

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`email capture server stopping (${reason})`);
    void server.close().finally(() => process.exit(0));
    // Never outlive a stop request because of a lingering connection.
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
