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
 * A server action call as this application's pages make it. Every action is a form's action, and Next.js
 * sends only the arguments an action uses (the first byte of its id says which): an action that uses
 * none gets an empty list, as text; any other gets a list ending in the form's FormData (`"$K1"`), as
 * multipart with the list in field `0`. Anything else would reach an action as arguments it was never
 * written for (and throw, a 500), so it is refused here.
 */
function fitsFormAction(actionId: string, args: unknown[]): boolean {
  const info = parseInt(actionId.slice(0, 2), 16);
  const usesArguments = Number.isNaN(info) || (info & 0x7f) !== 0;
  if (!usesArguments) return args.length === 0;
  const last = args.at(-1);
  return typeof last === 'string' && /^\$K[0-9a-f]+$/.test(last);
}

function parseList(text: unknown): unknown[] | null {
  if (typeof text !== 'string') return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

async function wellFormed(bytes: Uint8Array<ArrayBuffer>, contentType: string, actionId: string | null): Promise<boolean> {
  try {
    if (/^\s*multipart\/form-data/i.test(contentType)) {
      const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
      if (actionId === null) return true;
      const args = parseList(form.get('0'));
      return args !== null && fitsFormAction(actionId, args);
    }
    if (actionId === null) return true;
    // Text carries no FormData: only the empty list of an action that uses no arguments.
    const args = parseList(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return args !== null && args.length === 0 && fitsFormAction(actionId, args);
  } catch {
    return false;
  }
}

export async function checkRequestBody(request: BodyCheckedRequest): Promise<Refusal | null> {
  if (!request.body || request.method === 'GET' || request.method === 'HEAD') return null;
  const contentType = request.headers.get('content-type') ?? '';
  const page = !request.pathname.startsWith('/api/');
  const actionId = page ? request.headers.get('next-action') : null;
  const decodedByNext = page && (actionId !== null || /^\s*multipart\//i.test(contentType));
  const counted = request.headers.get('content-length') === null;
  if (!counted && !decodedByNext) return null;
  const limit = bodyLimitFor(request.pathname);
  const bytes = await readBytesWithin(request.body, limit);
  if (!bytes) return payloadTooLarge(limit);
  if (decodedByNext && !(await wellFormed(bytes, contentType, actionId))) return BAD_BODY;
  return null;
}
