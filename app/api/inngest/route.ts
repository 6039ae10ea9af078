import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The engine (Dev Server, Inngest Cloud or a self-hosted `inngest start`) calls the functions here. */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
