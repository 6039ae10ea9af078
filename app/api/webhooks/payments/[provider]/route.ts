import { handleWebhookRequest } from '@/lib/payments/handle-webhook-request';

export const dynamic = 'force-dynamic';

/**
 * Payment provider webhooks. Not host-routed (middleware only guards `/api/`), so the same URL
 * serves every shop: the tenant comes from the delivery itself, never from the Host header.
 */
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  return handleWebhookRequest(request, provider);
}
