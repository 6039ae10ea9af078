import { connect } from 'node:net';
import { E2E_PORT } from './hosts';

export interface SocketAnswer {
  /** The status of the first response line, or null when the server closed without a word. */
  status: number | null;
  head: string;
  body: string;
}

/** A chunked response body, unframed (as far as it arrived). */
function dechunk(framed: string): string {
  let body = '';
  let rest = framed;
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = line < 0 ? 0 : parseInt(rest.slice(0, line), 16);
    if (!size) return body;
    body += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

/**
 * Bytes written to the test server exactly as given (request line, headers, body, chunk framing), so
 * nothing on the way normalises a method, a %-escape or a malformed body. Reads until the server closes.
 */
export function sendRaw(bytes: Buffer | string, timeoutMs = 30_000): Promise<SocketAnswer> {
  return new Promise((resolve) => {
    const socket = connect(E2E_PORT, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      const body = rest.join('\r\n\r\n');
      resolve({ status: status ? Number(status) : null, head, body: /^transfer-encoding: chunked/im.test(head) ? dechunk(body) : body });
    };
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server that answers before it has read the whole body may reset the connection under the rest.
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(bytes, () => undefined);
  });
}

/** One request, Connection: close, with a Content-Length for the body unless it is sent chunked. */
export function rawRequest(method: string, path: string, host: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<SocketAnswer> {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (body !== undefined) lines.push(`Content-Length: ${payload.length}`);
  return sendRaw(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
}

/** A body of `total` bytes sent with Transfer-Encoding: chunked (no Content-Length), in 64 KiB chunks. */
export function chunkedRequest(method: string, path: string, host: string, headers: Record<string, string>, total: number): Promise<SocketAnswer> {
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: close',
    'Transfer-Encoding: chunked',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  const parts = [Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')];
  const chunk = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < total; sent += chunk.length) parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  parts.push(Buffer.from('0\r\n\r\n'));
  return sendRaw(Buffer.concat(parts), 60_000);
}
