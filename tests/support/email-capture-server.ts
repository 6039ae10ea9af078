import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** The status this server answered with. */
  status: number;
  receivedAt: string;
  /** The message id this server answered an accepted email with. */
  messageId?: string;
}

/** The fields of a Resend `POST /emails` body (snake_case on the wire). */
export interface ResendEmailBody {
  from: string;
  to: string | string[];
  reply_to?: string | string[];
  subject: string;
  html?: string;
  text?: string;
}

/** One accepted email as `GET /messages` lists it: the Resend body fields plus the request headers. */
export interface CapturedEmail extends ResendEmailBody {
  id: string;
  receivedAt: string;
  headers: IncomingHttpHeaders;
}

export interface EmailCaptureOptions {
  /** Answer the first `failFirst` Resend API requests with a 500. */
  failFirst?: number;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface EmailCaptureServer {
  /** Base URL to put in RESEND_BASE_URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** Every request received, in order, including the failed ones. */
  requests: CapturedRequest[];
  /** Only the emails this server accepted (POST /emails answered 200). */
  messages: CapturedRequest[];
  /** Answer the next `count` requests with a 500, as a provider outage would. */
  failNext(count?: number): void;
  close(): Promise<void>;
}

/**
 * The slice of the Resend HTTP API the SDK's `emails.send` uses, so tests exercise the real SDK
 * (headers, idempotency key, body mapping) without the network.
 *
 * Browser tests read the mailbox of a server running in another process over HTTP: `GET /messages`
 * lists the accepted emails (oldest first) and `DELETE /messages` empties the mailbox. These inspection
 * routes are not part of the Resend API, so they are neither recorded nor subject to `failNext`.
 */
export async function startEmailCaptureServer(options: EmailCaptureOptions = {}): Promise<EmailCaptureServer> {
  let failuresLeft = options.failFirst ?? 0;
  const requests: CapturedRequest[] = [];
  const messages: CapturedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // keep the raw text for the assertion message
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path === '/messages' && (req.method === 'GET' || req.method === 'DELETE')) {
        if (req.method === 'DELETE') {
          requests.length = 0;
          messages.length = 0;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.method === 'GET' ? messages.map(asCapturedEmail) : []));
        return;
      }
      const reply = (status: number, payload: unknown, messageId?: string) => {
        requests.push({ method: req.method ?? '', path, headers: req.headers, body, status, receivedAt: new Date().toISOString(), messageId });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        reply(500, { statusCode: 500, name: 'internal_server_error', message: 'Capture server told to fail.' });
        return;
      }
      if (req.method === 'POST' && path === '/emails') {
        const id = randomUUID();
        reply(200, { id }, id);
        messages.push(requests.at(-1)!);
        return;
      }
      reply(404, { statusCode: 404, name: 'not_found', message: `No route for ${req.method} ${path}.` });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    requests,
    messages,
    failNext(count = 1) {
      failuresLeft = count;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function asCapturedEmail(request: CapturedRequest): CapturedEmail {
  return { ...(request.body as ResendEmailBody), id: request.messageId ?? '', receivedAt: request.receivedAt, headers: request.headers };
}

/** The brief's name: `start()` → `{ url, messages, close() }`. */
export const start = startEmailCaptureServer;
