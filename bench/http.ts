import http from 'node:http';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequest {
  port: number;
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** The address to connect to (`localhost` unless given), whatever the Host header says. */
  address?: string;
}

/** One request to the server on loopback with an explicit Host header (shops are chosen by host). */
export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: req.host, ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const request = http.request(
      { host: req.address ?? 'localhost', port: req.port, path: req.path, method: req.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    request.setTimeout(req.timeoutMs ?? 30_000, () => request.destroy(new Error(`timeout: ${req.host}${req.path}`)));
    request.on('error', reject);
    if (req.body !== undefined) request.write(req.body);
    request.end();
  });
}

/** `name=value` pairs from Set-Cookie headers, merged into a jar. */
export function collectCookies(jar: Map<string, string>, res: HttpResponse): void {
  for (const line of res.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
