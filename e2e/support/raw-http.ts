import { request as httpRequest } from 'node:http';
import { E2E_PORT } from './hosts';

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One HTTP request to the test server on loopback with exactly the headers given (any Host, Origin or
 * Cookie, forged or not), redirects not followed. Node does not resolve `*.localhost`, so the host
 * travels in the Host header only.
 */
export function raw(options: { method?: string; path: string; headers: Record<string, string>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: E2E_PORT, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the socket while a refused oversized body is still being written.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 413, body: '', headers: {} });
      else reject(error);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
