import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payment, Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { PaymentProviderResponseError, type PaymentProvider, type RefundRequest } from '@/lib/payments/payment-provider';
import { faultQueue, type FaultControls } from './fault-queue';

/**
 * A remote card provider's refund API on a loopback port, behaving the way real ones do where it matters
 * for retries:
 *
 * - `Idempotency-Key` is required; a repeated key gets the first refund back (same id), performed once.
 *   The same key with other parameters is refused (400), as Stripe refuses it.
 * - A payment is refunded once: a second refund of it under another key is `400 charge_already_refunded`.
 * - `failNext(n, status)` answers the next n requests with that status before doing anything (an outage
 *   in front of the API: nothing is performed, nothing remembered under the key).
 * - `hangNext(n, ms)` carries the next n requests out at once but answers only after `ms`: the client has
 *   usually given up by then, and does not know whether the refund happened.
 */

export const FAKE_PROVIDER_SECRET = 'sk_test_fake_provider_secret';

export interface FakeRefund {
  id: string;
  /** The Idempotency-Key it was performed under. */
  key: string;
  payment: string;
  amountCents: number;
  reason: string;
}

export interface FakeProviderRequest {
  key: string | null;
  payment: string | null;
  status: number;
  /** Failed before anything was done (`failNext`), refused, performed now, or answered from the key. */
  outcome: 'failed' | 'refused' | 'performed' | 'replayed';
  /** Set when `hangNext` held the answer back this long. */
  answerDelayMs?: number;
  receivedAt: number;
  headers: IncomingHttpHeaders;
}

export interface FakePaymentProvider extends FaultControls {
  url: string;
  /** Refunds performed, each once, in order. */
  readonly refunds: readonly FakeRefund[];
  /** Every refund request received, including failed and repeated ones. */
  readonly requests: readonly FakeProviderRequest[];
  requestsFor(paymentId: string): FakeProviderRequest[];
  refundsOf(paymentId: string): FakeRefund[];
  /** failNext answers 503 unless told otherwise; resetFaults keeps the refunds. */
  close(): Promise<void>;
}

type RefundBody = { payment?: unknown; amount_cents?: unknown; currency?: unknown; reason?: unknown };
type Answer = { status: number; payload: unknown; outcome: FakeProviderRequest['outcome']; headers?: Record<string, string> };

/** Faults are queued in order and each request takes the next one, so `hangNext(1, …); failNext(1)` hangs the first and fails the second. */
export async function startFakePaymentProvider(): Promise<FakePaymentProvider> {
  const refunds: FakeRefund[] = [];
  const byKey = new Map<string, FakeRefund>();
  const requests: FakeProviderRequest[] = [];
  const faults = faultQueue(503);

  const error = (type: string, code: string, message: string) => ({ error: { type, code, message } });
  const failure = (status: number) =>
    status >= 500
      ? error('api_error', 'service_unavailable', 'Told to fail.')
      : status === 429
        ? error('rate_limit_error', 'rate_limited', 'Told to fail.')
        : error('invalid_request_error', 'request_refused', 'Told to fail.');
  const refuse = (status: number, type: string, code: string, message: string): Answer => ({ status, payload: error(type, code, message), outcome: 'refused' });

  /** What the provider does with one request that reached it: refuse it, replay the key's refund, or perform it. */
  function handle(headers: IncomingHttpHeaders, key: string | null, payment: string | null, body: RefundBody): Answer {
    if (headers.authorization !== `Bearer ${FAKE_PROVIDER_SECRET}`) return refuse(401, 'authentication_error', 'invalid_api_key', 'Invalid API key.');
    const amountCents = typeof body.amount_cents === 'number' && Number.isInteger(body.amount_cents) ? body.amount_cents : null;
    if (!key || !payment || amountCents === null || amountCents <= 0) {
      return refuse(400, 'invalid_request_error', 'parameter_missing', 'Idempotency-Key, payment and amount_cents are required.');
    }
    const earlier = byKey.get(key);
    if (earlier) {
      if (earlier.payment !== payment || earlier.amountCents !== amountCents) {
        return refuse(400, 'idempotency_error', 'idempotency_key_reused', 'This key was used with other parameters.');
      }
      return { status: 200, payload: { id: earlier.id, status: 'succeeded' }, outcome: 'replayed', headers: { 'idempotent-replayed': 'true' } };
    }
    if (refunds.some((r) => r.payment === payment))
      return refuse(400, 'invalid_request_error', 'charge_already_refunded', 'This payment has already been refunded.');
    const refund: FakeRefund = { id: `re_fake_${String(refunds.length + 1).padStart(6, '0')}`, key, payment, amountCents, reason: String(body.reason ?? '') };
    refunds.push(refund);
    byKey.set(key, refund);
    return { status: 200, payload: { id: refund.id, status: 'succeeded' }, outcome: 'performed' };
  }

  const send = (res: ServerResponse, answer: Answer) => {
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.payload));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/refunds') return send(res, refuse(404, 'invalid_request_error', 'not_found', 'No such route.'));
      let body: RefundBody = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RefundBody;
      } catch {
        // refused below for its missing fields
      }
      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      const payment = typeof body.payment === 'string' ? body.payment : null;
      const fault = faults.next();
      const answer: Answer =
        fault?.kind === 'fail' ? { status: fault.status, payload: failure(fault.status), outcome: 'failed' } : handle(req.headers, key, payment, body);
      const delay = fault?.kind === 'hang' ? fault.ms : undefined;
      requests.push({ key, payment, status: answer.status, outcome: answer.outcome, answerDelayMs: delay, receivedAt: Date.now(), headers: req.headers });
      faults.answerAfter(fault, () => send(res, answer));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    refunds,
    requests,
    requestsFor: (paymentId) => requests.filter((r) => r.payment === paymentId),
    refundsOf: (paymentId) => refunds.filter((r) => r.payment === paymentId),
    ...faults.controls,
    close: () => faults.close(server),
  };
}

/**
 * The adapter a remote provider would have: one HTTP call per refund with the platform's signal and an
 * Idempotency-Key scoped to the shop, and a non-success answer thrown as PaymentProviderResponseError.
 */
export function remoteRefund(baseUrl: () => string): PaymentProvider['refund'] {
  return async (tenant: Tenant, payment: Payment, request: RefundRequest) => {
    const response = await fetch(`${baseUrl()}/v1/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${FAKE_PROVIDER_SECRET}`,
        'content-type': 'application/json',
        'idempotency-key': `${tenant.id}:${request.idempotencyKey}`,
      },
      body: JSON.stringify({ payment: payment.id, amount_cents: request.amountCents, currency: payment.currency, reason: request.reason }),
      signal: request.signal,
    });
    const body = (await response.json().catch(() => null)) as { id?: unknown; error?: { code?: unknown } } | null;
    if (!response.ok) throw new PaymentProviderResponseError(response.status, typeof body?.error?.code === 'string' ? body.error.code : null);
    if (typeof body?.id !== 'string') throw new PaymentProviderResponseError(502, 'no_refund_id');
    return { providerRefundId: body.id };
  };
}

type ProvidersModule = typeof import('@/lib/payments/payment-providers');

/**
 * The registry with every provider's refund sent over HTTP to the fake, everything else (creating a
 * payment, verifying its webhook) as it is. For `vi.mock('@/lib/payments/payment-providers', …)`, so the
 * production code has no switch for tests.
 */
export function withRemoteRefunds(original: ProvidersModule, baseUrl: () => string): ProvidersModule {
  const paymentProviders = () =>
    new Map([...original.paymentProviders()].map(([name, provider]): [string, PaymentProvider] => [name, { ...provider, refund: remoteRefund(baseUrl) }]));
  return {
    paymentProviders,
    paymentProviderNamed(name) {
      const provider = paymentProviders().get(name);
      if (!provider) throw new AppError('NOT_FOUND', `Unknown payment provider "${name}".`);
      return provider;
    },
  };
}
