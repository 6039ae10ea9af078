import { NextResponse, type NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';
import { refuseWorkflowRequest, sanitiseWorkflowRequest } from '@/inngest/serve-guard';
import { SERVE_PATH, workflowServeOrigin } from '@/inngest/serve-origin';
import { toErrorBody } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const serveOrigin = workflowServeOrigin();

/**
 * The engine (Dev Server, Inngest Cloud or a self-hosted `inngest start`) calls the functions here. The
 * URL the app registers comes from configuration, and outside dev mode the SDK checks every request's
 * signature, syncs included (`enableUnauthedSync: false`).
 */
const handler = serve({ client: inngest, functions, serveOrigin, servePath: SERVE_PATH, enableUnauthedSync: false });

async function guarded(request: NextRequest, context: unknown): Promise<Response> {
  // The SDK's own reading of the environment, refreshed as its handler does for each request.
  const mode = inngest.setEnvVars(process.env).mode;
  const refusal = refuseWorkflowRequest(request, { mode, signingKey: process.env.INNGEST_SIGNING_KEY, serveOrigin });
  if (refusal) {
    const { status, body } = toErrorBody(refusal);
    return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  }
  const method = request.method as 'GET' | 'POST' | 'PUT';
  // The SDK reads only the headers, the body, the method and the URL, which a plain Request has.
  return handler[method]((await sanitiseWorkflowRequest(request, serveOrigin!)) as NextRequest, context);
}

export const GET = guarded;
export const POST = guarded;
export const PUT = guarded;
