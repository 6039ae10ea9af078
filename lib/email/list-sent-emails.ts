import 'server-only';
import { desc } from 'drizzle-orm';
import { sentEmails, type SentEmail } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';

export type SentEmailEntry = Omit<SentEmail, 'tenantId'>;

/** The tenant's latest emails, newest first; row-level security keeps every other tenant's out. */
export async function listSentEmails(tenantId: string, { limit = 50 }: { limit?: number } = {}): Promise<SentEmailEntry[]> {
  const bounded = Math.min(Math.max(Math.trunc(limit) || 1, 1), 200);
  return withTenant(tenantId, (tx) =>
    tx
      .select({
        id: sentEmails.id,
        idempotencyKey: sentEmails.idempotencyKey,
        template: sentEmails.template,
        toAddress: sentEmails.toAddress,
        fromAddress: sentEmails.fromAddress,
        replyTo: sentEmails.replyTo,
        subject: sentEmails.subject,
        html: sentEmails.html,
        textBody: sentEmails.textBody,
        transport: sentEmails.transport,
        providerMessageId: sentEmails.providerMessageId,
        createdAt: sentEmails.createdAt,
      })
      .from(sentEmails)
      .orderBy(desc(sentEmails.createdAt), desc(sentEmails.id))
      .limit(bounded),
  );
}
