#!/usr/bin/env node
// `npm run dev`: migrate and seed the embedded database, then serve the app with `next dev`, and, where
// the optional `inngest-cli` package installed its binary (it downloads it, so not on machines without
// internet), the Inngest Dev Server beside it, so orders run through the workflow. Without it the shop
// works as usual and order pages say the order is awaiting processing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const port = process.env.PORT ?? '3000';
const serverOnlyHook = fileURLToPath(new URL('server-only-hook.mjs', import.meta.url));
const setup = spawnSync('npx', ['tsx', '--import', serverOnlyHook, 'db/setup.ts'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

const cli = 'node_modules/.bin/inngest-cli';
const env = { ...process.env };
// The address the engine is told to call back on, from this port: never the Host of whoever asks for a sync.
env.INNGEST_SERVE_ORIGIN ??= `http://localhost:${port}`;
const children = [];
const engineUsable =
  !process.env.INNGEST_EVENT_KEY && process.env.INNGEST_DEV !== '0' && existsSync(cli) && spawnSync(cli, ['version'], { stdio: 'ignore' }).status === 0;
if (engineUsable) {
  env.INNGEST_DEV = '1';
  // One app per workflow pool this configuration serves (inngest/pools.ts): `/api/inngest`, `/api/inngest/<pool>`.
  const listed = spawnSync(
    'npx',
    [
      'tsx',
      '--eval',
      "import { servePathForPool, workflowPoolConfig } from './inngest/pools'; console.log(workflowPoolConfig().served.map(servePathForPool).join(' '))",
    ],
    { encoding: 'utf8' },
  );
  if (listed.status !== 0) {
    console.error(listed.stderr);
    process.exit(1);
  }
  const urls = listed.stdout
    .trim()
    .split(/\s+/)
    .flatMap((path) => ['-u', `http://localhost:${port}${path}`]);
  children.push(spawn(cli, ['dev', '--no-discovery', ...urls], { stdio: 'inherit' }));
  console.log('Inngest Dev Server: http://localhost:8288 (order workflow runs)');
} else if (!process.env.INNGEST_DEV && !process.env.INNGEST_EVENT_KEY) {
  console.log('No Inngest engine (inngest-cli not installed): orders wait in the outbox, shown as awaiting processing.');
}
children.push(spawn('npx', ['next', 'dev', '-p', port], { stdio: 'inherit', env }));

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
