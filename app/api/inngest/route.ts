import { NextResponse, type NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';
import { refuseWorkflowRequest, sanitiseWorkflowRequest } from '@/inngest/serve-guard';
import { SERVE_PATH, workflowServeOrigin } from '@/inngest/serve-origin';
import { AppError, toErrorBody } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const serveOrigin = workflowServeOrigin();

/**
 * The engine (Dev Server, Inngest Cloud or a self-hosted `inngest start`) calls the functions here. The
 * URL the app registers comes from configuration, and outside dev mode the SDK checks every request's
 * signature, syncs included (`enableUnauthedSync: false`).
 */
/** Every function id the engine may run here, `onFailure` handlers included (the SDK's own configs). */
const functionIds = new Set(
  functions.flatMap((fn) => (fn as unknown as { getConfig(o: { baseUrl: URL; appPrefix: string }): { id: string }[] }).getConfig({ baseUrl: new URL(SERVE_PATH, 'http://localhost'), appPrefix: inngest.id }).map((config) => config.id)),
);

const handler = serve({ client: inngest, functions, serveOrigin, servePath: SERVE_PATH, enableUnauthedSync: false });

function refuse(error: AppError): Response {
  const { status, body } = toErrorBody(error);
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

async function guarded(request: NextRequest, context: unknown): Promise<Response> {
  // The SDK's own reading of the environment, refreshed as its handler does for each request.
  const mode = inngest.setEnvVars(process.env).mode;
  const refusal = refuseWorkflowRequest(request, { mode, signingKey: process.env.INNGEST_SIGNING_KEY, serveOrigin });
  if (refusal) return refuse(refusal);
  const clean = await sanitiseWorkflowRequest(request, serveOrigin!, functionIds);
  if (clean instanceof AppError) return refuse(clean);
  const method = request.method as 'GET' | 'POST' | 'PUT';
  // The SDK reads only the headers, the body, the method and the URL, which a plain Request has.
  return handler[method](clean as NextRequest, context);
}

export const GET = guarded;
export const POST = guarded;
export const PUT = guarded;
