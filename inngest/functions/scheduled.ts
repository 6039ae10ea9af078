import { cron } from 'inngest';
import { expireAutoApprovals } from '@/lib/customers/expire-auto-approvals';
import { inngestPublisher } from '@/lib/outbox/publisher';
import { relayOutbox } from '@/lib/outbox/relay';
import { inngest } from '../client';

/**
 * The outbox relay's safety net. The app relays right after commit; this sweep picks up whatever a
 * crashed or unconfigured instance left behind (and rows waiting out a backoff), every minute.
 */
export const outboxRelaySweep = inngest.createFunction(
  { id: 'outbox-relay-sweep', name: 'Outbox relay sweep', triggers: [cron('* * * * *')], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => step.run('relay-outbox', () => relayOutbox({ publisher: inngestPublisher(inngest) })),
);

/** Temporary auto-approvals that ran out go back to the owner's review list, hourly. */
export const expireAutoApprovalsHourly = inngest.createFunction(
  { id: 'expire-auto-approvals', name: 'Expire temporary auto-approvals', triggers: [cron('17 * * * *')], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => step.run('expire-auto-approvals', () => expireAutoApprovals()),
);
