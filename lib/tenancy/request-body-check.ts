import { readBytesWithin } from '@/lib/http/read-bounded-body';
import { bodyLimitFor, payloadTooLarge, type Refusal } from './request-guard';

/**
 * The body half of the request guard, for middleware.ts. A body without Content-Length (chunked) is
 * counted as it arrives and refused at the limit, so a 10 MB stream never reaches a parser; the
 * multipart and server-action bodies Next.js decodes itself (and answers a 500 for when it cannot) are
 * decoded here first and refused with a 400. Next.js keeps its own copy of the body for the page or
 * handler (`experimental.proxyClientMaxBodySize` in next.config.mjs bounds that copy).
 */
export interface BodyCheckedRequest {
  method: string;
  pathname: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

const BAD_BODY: Refusal = { status: 400, code: 'BAD_REQUEST', message: 'The request body cannot be read: it is not a well-formed form or action call.' };

/**
 * A server action call as this application's pages make it: every action is a form's action, so React
 * sends its arguments as multipart with the argument list in field `0`, a JSON array ending in a
 * reference to the form's FormData (`"$K1"`). Anything else would reach an action as arguments it was
 * never written for (and throw, a 500), so it is refused here.
 */
function isFormActionCall(form: FormData): boolean {
  const root = form.get('0');
  if (typeof root !== 'string') return false;
  try {
    const args: unknown = JSON.parse(root);
    return Array.isArray(args) && typeof args.at(-1) === 'string' && /^\$K[0-9a-f]+$/.test(args.at(-1) as string);
  } catch {
    return false;
  }
}

async function wellFormed(bytes: Uint8Array<ArrayBuffer>, contentType: string, isAction: boolean): Promise<boolean> {
  if (!/^\s*multipart\/form-data/i.test(contentType)) return !isAction;
  try {
    const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    return !isAction || isFormActionCall(form);
  } catch {
    return false;
  }
}

export async function checkRequestBody(request: BodyCheckedRequest): Promise<Refusal | null> {
  if (!request.body || request.method === 'GET' || request.method === 'HEAD') return null;
  const contentType = request.headers.get('content-type') ?? '';
  const page = !request.pathname.startsWith('/api/');
  const isAction = page && request.headers.get('next-action') !== null;
  const decodedByNext = page && (isAction || /^\s*multipart\//i.test(contentType));
  const counted = request.headers.get('content-length') === null;
  if (!counted && !decodedByNext) return null;
  const limit = bodyLimitFor(request.pathname);
  const bytes = await readBytesWithin(request.body, limit);
  if (!bytes) return payloadTooLarge(limit);
  if (decodedByNext && !(await wellFormed(bytes, contentType, isAction))) return BAD_BODY;
  return null;
}
