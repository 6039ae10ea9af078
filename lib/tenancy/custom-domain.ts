import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { tenants, type Tenant } from '@/db/schema';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { AppError } from '@/lib/errors';
import { normalizeHost, normalizeRootDomain } from '@/lib/tenancy/parse-host';
import { getDnsVerifier } from './dns-verifier';
import { writePlatformAudit } from '@/lib/audit/platform-audit';
import { getTenantForAdmin, updateTenant } from './manage-tenants';
import { platformDb } from '@/db/connection-registry';

const VERIFY_RECORD_PREFIX = '_storefleet-verify';
const VERIFY_VALUE_PREFIX = 'storefleet-verify=';

/** The TXT record the shop's owner creates to prove the domain is theirs. */
export function verificationRecord(domain: string, token: string) {
  return { name: `${VERIFY_RECORD_PREFIX}.${domain}`, value: `${VERIFY_VALUE_PREFIX}${token}` };
}

const fieldError = (message: string) => new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { domain: message } } });

/** A plain host name of at least two labels, outside the platform's own domain. */
export function parseCustomDomain(raw: unknown, root = process.env.PLATFORM_ROOT_DOMAIN): string {
  const text = z.string().trim().max(253).safeParse(raw);
  if (!text.success || !text.data) throw fieldError('Enter a domain name, e.g. shop.example.com.');
  if (/[/:@\s]/.test(text.data)) throw fieldError('Enter the domain name only, without https:// or a path.');
  const host = normalizeHost(text.data);
  if (!host?.includes('.') || /^\d+(\.\d+){3}$/.test(host)) throw fieldError('Enter a domain name, e.g. shop.example.com.');
  // Requests drop one leading www. (parseHost), so a name still starting with www. would never be served.
  if (host.startsWith('www.')) throw fieldError('Enter the domain name without www., e.g. shop.example.com.');
  const platformRoot = normalizeRootDomain(root);
  if (host === platformRoot || host.endsWith(`.${platformRoot}`)) throw fieldError(`Domains under ${platformRoot} belong to the platform.`);
  if (host.startsWith(`${VERIFY_RECORD_PREFIX}.`)) throw fieldError('Enter the shop’s domain, not the verification record.');
  return host;
}

/**
 * Sets (or, when empty, removes) the tenant's custom domain. A new domain starts unverified with a fresh
 * token: it gets neither traffic nor a certificate until its TXT record has been checked.
 */
export async function setCustomDomain(admin: AdminActor, tenantId: string, raw: unknown): Promise<Tenant> {
  const before = await getTenantForAdmin(tenantId);
  if (typeof raw !== 'string' || raw.trim() === '') {
    return updateTenant(
      admin,
      tenantId,
      'tenant.domain_removed',
      { customDomain: null, customDomainVerificationToken: null, customDomainVerifiedAt: null },
      { domain: before.customDomain },
    );
  }
  const domain = parseCustomDomain(raw);
  if (domain === before.customDomain) return before;
  const db = await platformDb();
  const [taken] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.customDomain, domain), ne(tenants.id, tenantId)));
  if (taken) throw fieldError('Another shop uses this domain.');
  const token = randomBytes(18).toString('base64url');
  return updateTenant(
    admin,
    tenantId,
    'tenant.domain_set',
    { customDomain: domain, customDomainVerificationToken: token, customDomainVerifiedAt: null },
    { domain, previous: before.customDomain },
  );
}

/** Looks up the TXT record; the domain is verified when one of its values is exactly the expected one. */
export async function checkCustomDomain(admin: AdminActor, tenantId: string, now = new Date()): Promise<{ verified: boolean; tenant: Tenant }> {
  const tenant = await getTenantForAdmin(tenantId);
  if (!tenant.customDomain || !tenant.customDomainVerificationToken) throw new AppError('CONFLICT', 'Set a domain first.');
  const record = verificationRecord(tenant.customDomain, tenant.customDomainVerificationToken);
  const values = await getDnsVerifier().resolveTxt(record.name);
  const verified = values.some((value) => value.trim() === record.value);
  if (!verified) {
    const db = await platformDb();
    await writePlatformAudit(db, admin, 'tenant.domain_check_failed', tenantId, { domain: tenant.customDomain, found: values.slice(0, 10) });
    return { verified: false, tenant };
  }
  const updated = await updateTenant(admin, tenantId, 'tenant.domain_verified', { customDomainVerifiedAt: now }, { domain: tenant.customDomain });
  return { verified: true, tenant: updated };
}
