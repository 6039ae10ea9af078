import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { e2eSecrets } from '../../e2e/support/secrets';
import type { InngestTestRun } from '../../tests/support/inngest-executor';

/**
 * The production build with the pieces it talks to, as separate processes the tests can kill one by one:
 * the app (`next start`), the workflow engine (the test executor in real time, with retry backoff) and
 * the email capture server. The same environment as scripts/e2e-server.sh, on a database of its own.
 * Output goes to test-results/<name>-*.log.
 */
export interface StackOptions {
  name: string;
  port: number;
  mailPort: number;
  enginePort: number;
  articles?: number;
}

const ROOT_DOMAIN = 'localhost';

export class AppStack {
  private app: ChildProcess | undefined;
  private readonly helpers: ChildProcess[] = [];
  private readonly logs: WriteStream[] = [];
  /** How many times the app process was started. */
  starts = 0;

  constructor(private readonly options: StackOptions) {}

  get dist(): string {
    return this.options.port === 3100 ? '.next' : `.next-${this.options.port}`;
  }

  get env(): NodeJS.ProcessEnv {
    const { port, mailPort, enginePort, name } = this.options;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...e2eSecrets(port),
      NODE_ENV: 'production',
      DATABASE_URL: `pglite://.data/${name}`,
      NEXT_DIST_DIR: this.dist,
      PLATFORM_ROOT_DOMAIN: ROOT_DOMAIN,
      PUBLIC_URL_SCHEME: 'http',
      PUBLIC_PORT: String(port),
      RESEND_API_KEY: 're_e2e_test',
      RESEND_BASE_URL: `http://127.0.0.1:${mailPort}`,
      EMAIL_DOMAIN: 'storefleet.test',
      E2E_MAIL_PORT: String(mailPort),
      INNGEST_DEV: '1',
      INNGEST_BASE_URL: `http://127.0.0.1:${enginePort}`,
      LOG_LEVEL: 'info',
    };
    for (const key of ['VIES_ENABLED', 'INNGEST_EVENT_KEY', 'INNGEST_SIGNING_KEY', 'INNGEST_API_BASE_URL', 'INNGEST_EVENT_API_BASE_URL']) delete env[key];
    return env;
  }

  get engineUrl(): string {
    return `http://127.0.0.1:${this.options.enginePort}`;
  }

  /** A fresh seeded database (with `prepare` run on it while no app holds it), the build, the helpers. */
  async setUp(prepare: string[][] = []): Promise<void> {
    const { name, articles = 300 } = this.options;
    mkdirSync('test-results', { recursive: true });
    rmSync(`.data/${name}`, { recursive: true, force: true });
    this.runToEnd('npx', ['tsx', '--import', './scripts/server-only-hook.mjs', 'db/setup.ts', '--articles', String(articles)]);
    for (const command of prepare) this.runToEnd('npx', command);
    if (!existsSync(`${this.dist}/BUILD_ID`)) this.runToEnd('npx', ['next', 'build']);
    this.helpers.push(this.spawnLogged('mail', 'node', ['--import', 'tsx', 'tests/support/email-capture-cli.ts']));
    this.helpers.push(
      this.spawnLogged('engine', 'node', [
        '--import',
        'tsx',
        'tests/support/inngest-executor-cli.ts',
        '--port',
        String(this.options.enginePort),
        '--app',
        `http://localhost:${this.options.port}/api/inngest`,
        '--retry-backoff-ms',
        '1000',
      ]),
    );
  }

  /** Starts the app and waits until it answers; the engine syncs with it on its own the first time. */
  async startApp(): Promise<void> {
    if (this.app) throw new Error('The app is already running');
    this.starts += 1;
    this.app = this.spawnLogged(`app-${this.starts}`, 'node', ['node_modules/next/dist/bin/next', 'start', '-p', String(this.options.port)]);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.app.exitCode !== null) throw new Error(`The app exited with ${this.app.exitCode}; see test-results/${this.options.name}-app-${this.starts}.log`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.options.port}/api/health`, { headers: { host: `acme.${ROOT_DOMAIN}:${this.options.port}` } });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The app did not answer within 60 s');
  }

  /** Kills the app the hard way, as a crash or an OOM kill would: no shutdown hooks, nothing flushed. */
  async crashApp(): Promise<void> {
    const app = this.app;
    if (!app) throw new Error('The app is not running');
    this.app = undefined;
    const exited = new Promise((resolve) => app.once('exit', resolve));
    process.kill(-app.pid!, 'SIGKILL');
    await exited;
  }

  /** The engine's view of every run (`GET /test/state`). */
  async runs(): Promise<InngestTestRun[]> {
    const response = await fetch(`${this.engineUrl}/test/state`);
    if (!response.ok) throw new Error(`The engine answered ${response.status}`);
    return ((await response.json()) as { runs: InngestTestRun[] }).runs;
  }

  async tearDown(): Promise<void> {
    if (this.app) await this.crashApp().catch(() => undefined);
    for (const helper of this.helpers) helper.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const stream of this.logs) stream.end();
  }

  private runToEnd(command: string, args: string[]): void {
    const result = spawnSync(command, args, { env: this.env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }

  /** In its own process group, so a kill reaches everything it started. */
  private spawnLogged(label: string, command: string, args: string[]): ChildProcess {
    const log = createWriteStream(`test-results/${this.options.name}-${label}.log`);
    this.logs.push(log);
    const child = spawn(command, args, { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    return child;
  }
}
