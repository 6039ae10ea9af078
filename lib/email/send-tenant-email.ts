import 'server-only';
import { and, eq } from 'drizzle-orm';
import { sentEmails, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { emailBrandFor } from './brand';
import { renderEmail } from './render-email';
import { deliverViaResend } from './resend-transport';
import { tenantSenderAddress } from './sender-address';
import type { TemplateInput, TemplateName, TemplateProps } from './templates';

export type EmailTenant = Pick<Tenant, 'id' | 'name' | 'subdomain' | 'customDomain' | 'logoUrl' | 'primaryColor' | 'accentColor' | 'timeZone'>;

export interface TenantEmail<N extends TemplateName> {
  template: N;
  to: string;
  props: TemplateInput<N>;
  /** Stable across retries of the same logical email, e.g. `registration-received:<customerId>`. */
  idempotencyKey: string;
  /** Overrides the shop origin used for the header link (defaults to tenantBaseUrl). */
  shopUrl?: string;
}

export interface SendResult {
  status: 'sent' | 'logged' | 'duplicate';
  /** The sent_emails row id. */
  id: string;
  providerMessageId: string | null;
}

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const MAX_KEY_LENGTH = 200; // Resend allows 256; the tenant id prefix takes 37 of them.

function validate(message: TenantEmail<TemplateName>): void {
  if (!EMAIL.test(message.to)) {
    throw new AppError('VALIDATION_FAILED', 'The recipient address is not a valid email address.');
  }
  const key = message.idempotencyKey;
  if (key.trim() === '' || key.length > MAX_KEY_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `The idempotency key must be 1–${MAX_KEY_LENGTH} characters.`);
  }
}

/** Keys are unique per tenant here, but per account at Resend: scope them, or two shops would collide. */
function providerIdempotencyKey(tenantId: string, key: string): string {
  return `${tenantId}:${key}`;
}

/**
 * Sends one branded email for a tenant, at most once per (tenant, idempotency key).
 *
 * The sent_emails row is claimed (insert … on conflict do nothing) and the provider called inside the
 * same tenant transaction: a failed send throws and rolls the claim back, so a retry sends; a successful
 * send commits the row, so a retry finds it and reports `duplicate` without calling the provider. A
 * concurrent attempt with the same key waits on the unique index until the first one commits or rolls
 * back. If the process dies after the provider accepted the message but before commit, the retry sends
 * again with the same provider idempotency key, which Resend deduplicates.
 *
 * Without RESEND_API_KEY the message is only recorded (transport `log`) for the development mail viewer.
 */
export async function sendTenantEmail<N extends TemplateName>(tenant: EmailTenant, message: TenantEmail<N>): Promise<SendResult> {
  validate(message);
  const brand = emailBrandFor(tenant, message.shopUrl);
  const rendered = await renderEmail(message.template, { ...message.props, brand } as TemplateProps<N>);
  const sender = tenantSenderAddress(tenant);
  const apiKey = process.env.RESEND_API_KEY || undefined;
  const context = { tenantId: tenant.id, template: message.template, idempotencyKey: message.idempotencyKey };

  return withTenant(tenant.id, async (tx) => {
    const [claimed] = await tx
      .insert(sentEmails)
      .values({
        tenantId: tenant.id,
        idempotencyKey: message.idempotencyKey,
        template: message.template,
        toAddress: message.to,
        fromAddress: sender.from,
        replyTo: sender.replyTo,
        subject: rendered.subject,
        html: rendered.html,
        textBody: rendered.text,
        transport: apiKey ? 'resend' : 'log',
      })
      .onConflictDoNothing({ target: [sentEmails.tenantId, sentEmails.idempotencyKey] })
      .returning({ id: sentEmails.id });

    if (!claimed) {
      const [existing] = await tx
        .select({ id: sentEmails.id, providerMessageId: sentEmails.providerMessageId })
        .from(sentEmails)
        .where(and(eq(sentEmails.tenantId, tenant.id), eq(sentEmails.idempotencyKey, message.idempotencyKey)));
      if (!existing) throw new AppError('INTERNAL', 'The email log is inconsistent.', { details: context });
      log.info({ ...context, emailId: existing.id }, 'email already sent; skipped');
      return { status: 'duplicate', id: existing.id, providerMessageId: existing.providerMessageId };
    }

    if (!apiKey) {
      log.info(
        { ...context, emailId: claimed.id, to: message.to, from: sender.from, subject: rendered.subject, transport: 'log' },
        'email recorded without sending (no RESEND_API_KEY)',
      );
      return { status: 'logged', id: claimed.id, providerMessageId: null };
    }

    const providerMessageId = await deliverViaResend(
      apiKey,
      { from: sender.from, replyTo: sender.replyTo, to: message.to, subject: rendered.subject, html: rendered.html, text: rendered.text },
      providerIdempotencyKey(tenant.id, message.idempotencyKey),
    );
    await tx.update(sentEmails).set({ providerMessageId }).where(eq(sentEmails.id, claimed.id));
    log.info({ ...context, emailId: claimed.id, providerMessageId, transport: 'resend' }, 'email sent');
    return { status: 'sent', id: claimed.id, providerMessageId };
  });
}
