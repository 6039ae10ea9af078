import type { Tenant } from '@/db/schema';

export interface SenderAddress {
  /** RFC 5322 mailbox with the shop's name as display name: `"ACME Wheels" <info@acme.example>`. */
  from: string;
  replyTo: string;
  address: string;
}

/**
 * Quotes a display name so that commas, quotes, angle brackets or a crafted `<evil@x>` in a tenant's
 * name cannot add or change an address. Control characters (incl. CR/LF header injection) are dropped.
 */
export function quoteDisplayName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `"${cleaned.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * Every tenant mails from, and receives replies at, `info@<subdomain>.<EMAIL_DOMAIN>` (seed 001,
 * "Email Branding"), so replies go to the shop and not to the platform.
 */
export function tenantSenderAddress(
  tenant: Pick<Tenant, 'name' | 'subdomain'>,
  emailDomain: string = process.env.EMAIL_DOMAIN ?? 'storefleet.test',
): SenderAddress {
  const domain = emailDomain
    .trim()
    .toLowerCase()
    .replace(/^\.+|\.+$/g, '');
  const address = `info@${tenant.subdomain}.${domain}`;
  const displayName = quoteDisplayName(tenant.name);
  return { from: displayName === '""' ? address : `${displayName} <${address}>`, replyTo: address, address };
}
