import { AppError } from '@/lib/errors';

/**
 * The one way a request body is read into memory: counted as it arrives and abandoned once it grows past
 * `limit` bytes, whether or not it declared a Content-Length. Pure web streams, for the edge middleware
 * and the Node route handlers alike.
 */
export async function readBytesWithin(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const bytes = new Uint8Array(new ArrayBuffer(0));
  if (!body) return bytes;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** A size for a person: `2 MiB`, `256 KiB`, `1 MB`. */
export function formatByteLimit(limit: number): string {
  if (limit % (1024 * 1024) === 0) return `${limit / (1024 * 1024)} MiB`;
  if (limit % 1024 === 0) return `${limit / 1024} KiB`;
  return `${Math.round((limit / 1_000_000) * 10) / 10} MB`;
}

/** A route handler's body as text, or PAYLOAD_TOO_LARGE (413) past `limit` bytes, before anything parses it. */
export async function readTextWithin(request: Request, limit: number, what = 'The request body'): Promise<string> {
  const declared = request.headers.get('content-length');
  const bytes = declared !== null && Number(declared) > limit ? null : await readBytesWithin(request.body, limit);
  if (!bytes) throw new AppError('PAYLOAD_TOO_LARGE', `${what} is larger than ${formatByteLimit(limit)}.`);
  return new TextDecoder().decode(bytes);
}
