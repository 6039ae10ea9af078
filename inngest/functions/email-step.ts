import { recordEmailFailure } from '@/lib/orders/order-transitions';
import type { inngest } from '../client';

type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]['step'];

/**
 * Sends one of an order's emails in its own step (retried with backoff, one email however often it
 * runs). When the provider is still failing after the retries, nothing else waits for it: the shop's
 * timeline records which email is missing ("Email not sent: please let the buyer know"), and the
 * function carries on, so an email outage never holds an order or hides a refund that went through.
 */
export async function emailStep(step: Step, tenantId: string, orderId: string, id: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await step.run(id, async () => {
      await send();
    });
  } catch (error) {
    const detail = error instanceof Error && error.message ? error.message : 'The email could not be sent.';
    await step.run(`${id}-failed`, () => recordEmailFailure(tenantId, orderId, id, detail));
  }
}
