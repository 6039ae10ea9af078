import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { CheckpointAnswer } from './checkpoint-api';

/**
 * The engine's HTTP surface that the SDK talks to: the event API (`POST /e/<event key>`, what
 * `inngest.send` and `step.sendEvent` call), the sync API (`POST /fn/register`, what the serve handler
 * calls when it receives an out-of-band `PUT`) and the checkpoint API (`POST /v1/checkpoint/…`). A few
 * `/test/*` routes let a browser test read and steer the executor when it runs as its own process.
 *
 * In signed mode the API routes want what Inngest Cloud wants: the SDK's `Authorization: Bearer <hashed
 * signing key>` on sync and checkpoints (401 otherwise), and the event key in the event URL.
 */
export interface EngineRoutes {
  /** Whether a call to the API (sync, checkpoint) is authorised; `authorization` is the header as sent. */
  authorised(authorization: string | undefined): boolean;
  /** Whether events may be sent with this key (the path segment after `/e/`). */
  eventKeyAccepted(key: string): boolean;
  events(body: unknown): Promise<string[]>;
  register(body: unknown): void;
  checkpointAsync(runId: string, body: unknown): CheckpointAnswer;
  checkpointSync(path: string): CheckpointAnswer;
  snapshot(): { runs: unknown; events: unknown; functions: unknown; now: number };
  advance(ms: number): Promise<void>;
  settle(): Promise<void>;
}

export interface EngineServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => resolve(raw));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function route(routes: EngineRoutes, req: IncomingMessage, path: string, raw: string, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const json = (): unknown => (raw ? JSON.parse(raw) : undefined);
  const unauthorised = () => reply(res, 401, { error: 'Unauthorized', message: 'Unauthorized', status: 401 });
  if (method === 'POST' && path.startsWith('/e/')) {
    if (!routes.eventKeyAccepted(decodeURIComponent(path.slice(3)))) return reply(res, 401, { error: 'Event key not found', status: 401 });
    // The SDK's send() validates this shape: `{ ids, status: 200 }`.
    return reply(res, 200, { ids: await routes.events(json()), status: 200 });
  }
  if (method === 'POST' && path === '/fn/register') {
    if (!routes.authorised(req.headers.authorization)) return unauthorised();
    routes.register(json());
    return reply(res, 200, { status: 200, modified: true });
  }
  const checkpoint = /^\/v1\/checkpoint(?:\/([^/]+)\/(async|steps))?\/?$/.exec(path);
  if (method === 'POST' && checkpoint) {
    if (!routes.authorised(req.headers.authorization)) return unauthorised();
    const answer = checkpoint[2] === 'async' ? routes.checkpointAsync(decodeURIComponent(checkpoint[1]!), json()) : routes.checkpointSync(path);
    return reply(res, answer.status, answer.body);
  }
  if (method === 'GET' && path === '/test/state') return reply(res, 200, routes.snapshot());
  if (method === 'POST' && path === '/test/advance') {
    const { ms } = (json() ?? {}) as { ms?: unknown };
    if (typeof ms !== 'number' || ms < 0) return reply(res, 400, { error: 'body must be { "ms": <non-negative number> }' });
    await routes.advance(ms);
    return reply(res, 200, { now: routes.snapshot().now });
  }
  if (method === 'POST' && path === '/test/settle') {
    await routes.settle();
    return reply(res, 200, { ok: true });
  }
  if (method === 'GET' && (path === '/' || path === '/health')) return reply(res, 200, { ok: true });
  reply(res, 404, { error: `No route for ${method} ${path}`, status: 404 });
}

export function startEngineServer(routes: EngineRoutes, port: number, host: string): Promise<EngineServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://engine').pathname;
    readBody(req)
      .then((raw) => route(routes, req, path, raw, res))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const status = error instanceof SyntaxError || error instanceof TypeError ? 400 : 500;
        if (!res.headersSent) reply(res, status, { error: message, status });
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      const url = `http://${host}:${actual}`;
      resolve({
        server,
        url,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
