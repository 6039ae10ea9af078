/**
 * `npm run outbox:relay` processes (scripts/outbox-relay.ts) as the scale tests run them: each started
 * with its own environment, its structured log kept in memory (and in test-results/scale) so a test can
 * see which one leads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { SCALE_RESULTS } from './build';

export interface RelayProcess {
  name: string;
  child: ChildProcess;
  /** Times (ms) this process logged that it became the leader. */
  readonly ledAt: number[];
  readonly exited: boolean;
  /** SIGKILL: no clean shutdown, no lock released by hand; the server ends its sessions. */
  kill(): Promise<void>;
  /** SIGTERM, as an orchestrator stops it. */
  stop(): Promise<void>;
}

export function startRelayProcess(name: string, env: NodeJS.ProcessEnv): RelayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/server-only-hook.mjs', 'scripts/outbox-relay.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = createWriteStream(path.join(SCALE_RESULTS, `relay-${name}.log`));
  const ledAt: number[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      logFile.end();
      resolve();
    }),
  );
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    logFile.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        if ((JSON.parse(line) as { msg?: string }).msg === 'outbox relay is the leader') ledAt.push(Date.now());
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => logFile.write(chunk));
  const end = async (signal: NodeJS.Signals) => {
    if (!exited) child.kill(signal);
    await exit;
  };
  return {
    name,
    child,
    ledAt,
    get exited() {
      return exited;
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
