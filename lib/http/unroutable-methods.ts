import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The methods that never reach middleware.ts, answered with a 405 in the HTTP server itself: the Fetch
 * standard forbids `new Request()` with TRACE (Next.js builds one for the middleware and answers a 500
 * when that throws), Node closes a CONNECT without a word unless someone listens for it, and Node's
 * parser answers a bare 400 to a method token it does not know (PROPFIND and the like it knows; those the
 * request guard refuses). Installed from instrumentation.ts, on the server of the first request it sees.
 */
const ALLOW = 'GET, HEAD, POST';
const BODY = JSON.stringify({ code: 'METHOD_NOT_ALLOWED', message: 'This method is not accepted here.' });
const RESPONSE_405 = [
  'HTTP/1.1 405 Method Not Allowed',
  `Allow: ${ALLOW}`,
  'Content-Type: application/json',
  `Content-Length: ${Buffer.byteLength(BODY)}`,
  'Cache-Control: no-store',
  'Connection: close',
  '',
  BODY,
].join('\r\n');

/** Node's own answers when nobody listens for `clientError` (node/lib/_http_server.js), kept as they are. */
const DEFAULT_CLIENT_ERROR_RESPONSES: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
};
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

function answerClientError(error: Error & { code?: string }, socket: Duplex & { bytesWritten?: number }) {
  if (socket.writable && !socket.bytesWritten) {
    socket.write(error.code === 'HPE_INVALID_METHOD' ? RESPONSE_405 : (DEFAULT_CLIENT_ERROR_RESPONSES[error.code ?? ''] ?? BAD_REQUEST));
  }
  socket.destroy();
}

const guarded = new WeakSet<Server>();

function refuseUnroutableMethods(server: Server): void {
  if (guarded.has(server)) return;
  guarded.add(server);
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'TRACE') {
      response.writeHead(405, { Allow: ALLOW, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(BODY);
      return;
    }
    for (const listener of listeners) listener.call(server, request, response);
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => socket.end(RESPONSE_405));
  server.on('clientError', answerClientError);
}

/** From now on, every HTTP server of this process that serves a request gets the guard above first. */
export function refuseUnroutableMethodsOnEveryServer(): void {
  subscribe('http.server.request.start', (message) => refuseUnroutableMethods((message as { server: Server }).server));
}
