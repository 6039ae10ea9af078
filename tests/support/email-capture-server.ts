import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultQueue, type FaultControls } from './fault-queue';

interface CapturedRequest {
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
  /** Answered from an earlier request with the same Idempotency-Key: not delivered again. */
  replayed?: boolean;
  /** Set when `hangNext` held the answer back this long (the email was delivered at once). */
  answerDelayMs?: number;
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

export interface EmailCaptureServer extends FaultControls {
  /** Base URL to put in RESEND_BASE_URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** Every request received, in order, including the failed ones. */
  requests: CapturedRequest[];
  /** The emails delivered, each once: a request replayed from its Idempotency-Key is not delivered again. */
  messages: CapturedRequest[];
  /** failNext answers 500 unless told otherwise; a hung email is delivered at once and answered late. */
  close(): Promise<void>;
}

/**
 * The slice of the Resend HTTP API the SDK's `emails.send` uses, so tests exercise the real SDK
 * (headers, idempotency key, body mapping) without the network.
 *
 * Like Resend, a repeated `Idempotency-Key` (per API key) with the same body gets the first message's id
 * back and delivers nothing; with another body it is `409 invalid_idempotent_request`. Faults are queued
 * in order and each API request takes the next one, so `hangNext(1, …); failNext(1)` hangs the first send
 * and fails the second. A failed request is not remembered under its key; a hung one is, since it was
 * delivered.
 *
 * Browser tests read the mailbox of a server running in another process over HTTP: `GET /messages`
 * lists the accepted emails (oldest first) and `DELETE /messages` empties the mailbox. These inspection
 * routes are not part of the Resend API, so they are neither recorded nor subject to `failNext`.
 */
export async function startEmailCaptureServer(options: EmailCaptureOptions = {}): Promise<EmailCaptureServer> {
  const faults = faultQueue(
    500,
    Array.from({ length: options.failFirst ?? 0 }, () => ({ kind: 'fail', status: 500 }) as const),
  );
  const requests: CapturedRequest[] = [];
  const messages: CapturedRequest[] = [];
  /** Accepted emails by API key and Idempotency-Key, as Resend keeps them for 24 hours. */
  const byKey = new Map<string, { messageId: string; fingerprint: string }>();
  const answer = (res: ServerResponse, status: number, payload: unknown) => {
    if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  };

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
          byKey.clear();
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.method === 'GET' ? messages.map(asCapturedEmail) : []));
        return;
      }
      const fault = faults.next();
      const record = (status: number, extra: Partial<CapturedRequest> = {}) => {
        const request: CapturedRequest = { method: req.method ?? '', path, headers: req.headers, body, status, receivedAt: new Date().toISOString(), ...extra };
        requests.push(request);
        return request;
      };
      const reply = (status: number, payload: unknown, extra: Partial<CapturedRequest> = {}) => {
        const delay = fault?.kind === 'hang' ? fault.ms : undefined;
        const request = record(status, { ...extra, answerDelayMs: delay });
        faults.answerAfter(fault, () => answer(res, status, payload));
        return request;
      };
      if (fault?.kind === 'fail') {
        record(fault.status);
        answer(res, fault.status, {
          statusCode: fault.status,
          name: fault.status >= 500 ? 'internal_server_error' : 'application_error',
          message: 'Capture server told to fail.',
        });
        return;
      }
      if (req.method === 'POST' && path === '/emails') {
        const key = typeof req.headers['idempotency-key'] === 'string' ? `${req.headers.authorization ?? ''}|${req.headers['idempotency-key']}` : null;
        const fingerprint = createHash('sha256').update(raw).digest('hex');
        const earlier = key ? byKey.get(key) : undefined;
        if (earlier && earlier.fingerprint !== fingerprint) {
          reply(409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
          return;
        }
        if (earlier) {
          reply(200, { id: earlier.messageId }, { messageId: earlier.messageId, replayed: true });
          return;
        }
        const id = randomUUID();
        if (key) byKey.set(key, { messageId: id, fingerprint });
        messages.push(reply(200, { id }, { messageId: id }));
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
    ...faults.controls,
    close: () => faults.close(server),
  };
}

function asCapturedEmail(request: CapturedRequest): CapturedEmail {
  return { ...(request.body as ResendEmailBody), id: request.messageId ?? '', receivedAt: request.receivedAt, headers: request.headers };
}
