import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, tenants } from '@/db/schema';
import { updateShopTimeZone } from '@/lib/tenancy/update-shop-time-zone';
import { isAppError } from '@/lib/errors';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 20 });
});
afterAll(async () => {
  await demo?.cleanup();
});

const storedZone = async (id: string) => (await demo.db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, id)))[0]!.timeZone;

describe('the shop’s time zone', () => {
  it('is Europe/Brussels for every shop until its owner chooses another', async () => {
    for (const id of Object.values(demo.tenantIds)) expect(await storedZone(id)).toBe('Europe/Brussels');
  });

  it('takes an IANA zone in any case, stores its canonical name, audits the change and serves it at once', async () => {
    const acme = demo.tenantIds.acme;
    const saved = await updateShopTimeZone(acme, { timeZone: 'america/sao_paulo' }, 'owner@acme.test');
    expect(saved.timeZone).toBe('America/Sao_Paulo');
    expect((await getTenantByHost('acme.localhost'))?.timeZone).toBe('America/Sao_Paulo');
    const audit = await withTenant(acme, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, acme), eq(auditLog.action, 'tenant.time_zone_changed'))),
    );
    expect(audit.map((a) => a.details)).toEqual([{ from: 'Europe/Brussels', to: 'America/Sao_Paulo' }]);
    // Another shop keeps its own.
    expect(await storedZone(demo.tenantIds.consumer)).toBe('Europe/Brussels');
  });

  it('refuses what names no zone with a field error, and keeps the stored one', async () => {
    const atraxion = demo.tenantIds.atraxion;
    for (const bad of [{ timeZone: 'Mars/Olympus' }, { timeZone: '+02:00' }, { timeZone: '' }, { timeZone: ['Europe/Paris'] }, {}]) {
      const error = await updateShopTimeZone(atraxion, bad, 'owner@atraxion.test').catch((e: unknown) => e);
      expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(isAppError(error) && error.details?.fieldErrors).toEqual({ timeZone: 'Choose a time zone such as Europe/Brussels.' });
    }
    expect(await storedZone(atraxion)).toBe('Europe/Brussels');
  });
});
