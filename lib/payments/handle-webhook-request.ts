import 'server-only';
import { AppError, toErrorBody } from '@/lib/errors';
import { readTextWithin } from '@/lib/http/read-bounded-body';
import { log } from '@/lib/log';
import { applyPaymentEvent } from './apply-payment-event';
import { receiveWebhook, type WebhookDeps } from './receive-webhook';
import { paymentProviders } from './payment-providers';
import { EmptyTenantIdError } from './tenant-id';
import { platformWebhookConfig } from './webhook-config';
import { databaseWebhookStorage } from './webhook-storage';

/** How a provider proves a delivery is its own: throws WEBHOOK_SIGNATURE_INVALID otherwise. */
interface WebhookVerifier {
  verify(rawBody: string, headers: Headers, now: Date): void | Promise<void>;
}

/** The providers that may post webhooks (every payment provider); anything else is a 404. */
function webhookVerifier(provider: string): WebhookVerifier | undefined {
  const known = paymentProviders().get(provider);
  return known && { verify: (rawBody, headers, now) => known.verifyWebhook(rawBody, headers, now) };
}

/** Far above any real payment event; a larger body is refused before it is read into memory twice. */
const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

const noStore = { 'cache-control': 'no-store' };

/**
 * What may be logged about an unexpected failure. Not the error itself: a failed query's message and
 * `params` carry the values bound to it, the webhook payload among them.
 */
function describeFailure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  if ('params' in error) return { name: error.name, cause: typeof cause?.message === 'string' ? cause.message : undefined, dbCode: cause?.code };
  return { name: error.name, message: error.message };
}

function errorResponse(error: AppError): Response {
  const { status, body } = toErrorBody(error);
  return Response.json(body, { status, headers: noStore });
}

export interface HandleWebhookOptions extends Partial<WebhookDeps> {
  providers?: ReadonlyMap<string, WebhookVerifier>;
  now?: Date;
}

/**
 * `POST /api/webhooks/payments/<provider>`: verify the signature over the raw body, then store the event
 * under the tenant named by the explicit/header/payload resolution (never by the Host). Answers 200
 * `{ received, duplicate }` (a duplicate is a success: the provider must stop retrying), or the error's
 * status with `{ code, message }`. Neither the body nor any header value is ever logged.
 */
export async function handleWebhookRequest(request: Request, provider: string, options: HandleWebhookOptions = {}): Promise<Response> {
  const verifier = options.providers ? options.providers.get(provider) : webhookVerifier(provider);
  if (!verifier) return errorResponse(new AppError('NOT_FOUND', 'Unknown payment provider.'));
  try {
    const rawBody = await readTextWithin(request, MAX_WEBHOOK_BODY_BYTES, 'The webhook body');
    await verifier.verify(rawBody, request.headers, options.now ?? new Date());
    const result = await receiveWebhook(
      { provider, payload: rawBody, headers: Object.fromEntries(request.headers) },
      { config: options.config ?? platformWebhookConfig, storage: options.storage ?? databaseWebhookStorage },
    );
    // Applied on every delivery, duplicates too: the transitions are guarded, and a delivery whose first
    // application failed must still move the order on when the provider retries it.
    await applyPaymentEvent(result.event);
    return Response.json({ received: true, duplicate: result.duplicate }, { headers: noStore });
  } catch (error) {
    if (error instanceof EmptyTenantIdError) {
      return errorResponse(new AppError('TENANT_REQUIRED', 'The tenant id is empty.'));
    }
    if (error instanceof AppError) {
      const level = error.httpStatus >= 500 ? 'error' : 'warn';
      log[level]({ provider, code: error.code, reason: error.details?.reason }, 'payment webhook refused');
      return errorResponse(error);
    }
    log.error({ provider, failure: describeFailure(error) }, 'payment webhook failed');
    return errorResponse(new AppError('INTERNAL', 'Something went wrong on our side. Please try again.'));
  }
}
