import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/tenant-assets/[tenantId]/[kind]/route';
import { auditLog, tenantAssets, tenants, type Tenant } from '@/db/schema';
import { brandingSchema, updateBranding } from '@/lib/branding/update-branding';
import { colorPairProblems } from '@/lib/branding/branding-rules';
import { detectLogoType, MAX_LOGO_BYTES, removeTenantLogo, saveTenantLogo } from '@/lib/branding/logo-upload';
import { emailBrandFor } from '@/lib/email/brand';
import { renderEmail } from '@/lib/email/render-email';
import { isAppError } from '@/lib/errors';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

const OWNER = 'owner@acme.test';
// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

let demo: DemoCatalog;
let acme: Tenant;
let atraxion: Tenant;

const tenantRow = async (id: string) => (await demo.db.select().from(tenants).where(eq(tenants.id, id)))[0]!;
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const fieldErrorsOf = (error: unknown) => (isAppError(error, 'VALIDATION_FAILED') ? (error.details?.fieldErrors as Record<string, string>) : null);

/** The bytes of a file as the upload action reads them, whatever its name and claimed type. */
const uploadedBytes = async (file: File) => new Uint8Array(await file.arrayBuffer());

function fetchAsset(tenantId: string, kind: string, query = '', headers: Record<string, string> = {}) {
  const request = new Request(`http://acme.localhost/api/tenant-assets/${tenantId}/${kind}${query}`, { headers });
  return GET(request, { params: Promise.resolve({ tenantId, kind }) });
}

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 20 });
  acme = await tenantRow(demo.tenantIds.acme);
  atraxion = await tenantRow(demo.tenantIds.atraxion);
});
afterAll(async () => {
  await demo?.cleanup();
});

describe('branding validation', () => {
  const valid = { name: 'ACME Wheels', tagline: '', primaryColor: '#b91c1c', accentColor: '#111827' };
  const errorsFor = (input: Partial<typeof valid>) => {
    const parsed = brandingSchema.safeParse({ ...valid, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it('accepts the demo colours, trims, lower-cases and stores an empty tagline as none', () => {
    expect(brandingSchema.parse({ ...valid, name: '  ACME  ', primaryColor: '#B91C1C' })).toEqual({
      name: 'ACME',
      tagline: null,
      primaryColor: '#b91c1c',
      accentColor: '#111827',
    });
  });

  it('needs a name of 1 to 60 characters and a tagline of at most 120', () => {
    expect(errorsFor({ name: '   ' }).name).toBe('Enter the shop name.');
    expect(errorsFor({ name: 'x'.repeat(61) }).name).toMatch(/at most 60/);
    expect(errorsFor({ name: 'x'.repeat(60) })).toEqual({});
    expect(errorsFor({ tagline: 'y'.repeat(121) }).tagline).toMatch(/at most 120/);
  });

  it('takes colours only as #rrggbb', () => {
    for (const bad of ['red', '#fff', '#12345g', 'b91c1c', '#b91c1c; background:url(x)']) {
      expect(errorsFor({ primaryColor: bad }).primaryColor).toMatch(/#rrggbb/);
    }
  });

  it('refuses colours whose header text would be unreadable', () => {
    // Mid grey: neither black nor white text reaches 4.5:1 on it.
    expect(errorsFor({ primaryColor: '#777777' }).primaryColor).toMatch(/hard to read.*4\.5:1/);
    expect(errorsFor({ accentColor: '#7a7a7a' }).accentColor).toMatch(/Button text would be hard to read/);
    // An accent the same as the main colour makes the Search button vanish in the header.
    expect(errorsFor({ primaryColor: '#1f2937', accentColor: '#1f2938' }).accentColor).toMatch(/too close/);
    // Every demo shop's colours pass.
    for (const [p, a] of [
      ['#0b3d91', '#f5a623'],
      ['#b91c1c', '#111827'],
      ['#047857', '#fbbf24'],
      ['#4c1d95', '#a78bfa'],
      ['#4b5563', '#9ca3af'],
    ] as const) {
      expect(colorPairProblems(p, a)).toEqual([]);
    }
  });
});

describe('saving the branding', () => {
  it('changes the shop at once, audits it, and leaves other shops alone', async () => {
    const before = await getTenantByHost('acme.localhost');
    expect(before?.name).toBe('ACME Wheels');
    await updateBranding(acme.id, { name: 'ACME Tyres & Wheels', tagline: 'Fast fitting', primaryColor: '#0F766E', accentColor: '#fbbf24' }, OWNER);
    const after = await getTenantByHost('acme.localhost');
    expect(after).toMatchObject({ name: 'ACME Tyres & Wheels', tagline: 'Fast fitting', primaryColor: '#0f766e', accentColor: '#fbbf24' });
    expect(await tenantRow(atraxion.id)).toEqual(atraxion);
    const audit = await withTenant(acme.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'tenant.branding_updated')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(OWNER);
  });

  it('refuses an invalid save without changing anything', async () => {
    const before = await tenantRow(acme.id);
    const error = await errorOf(updateBranding(acme.id, { name: '', primaryColor: '#777777', accentColor: '#fbbf24' }, OWNER));
    expect(fieldErrorsOf(error)).toMatchObject({ name: 'Enter the shop name.', primaryColor: expect.stringMatching(/hard to read/) });
    expect(await tenantRow(acme.id)).toEqual(before);
  });
});

describe('the logo upload', () => {
  it('knows PNG, JPEG and WebP by their first bytes, and nothing else', () => {
    expect(detectLogoType(PNG)).toBe('image/png');
    expect(detectLogoType(JPEG)).toBe('image/jpeg');
    expect(detectLogoType(WEBP)).toBe('image/webp');
    expect(detectLogoType(SVG)).toBeNull();
    expect(detectLogoType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(detectLogoType(new Uint8Array())).toBeNull();
  });

  it('stores a PNG named .jpg as a PNG and points the shop at its versioned URL', async () => {
    const file = new File([PNG], 'logo.jpg', { type: 'image/jpeg' });
    const saved = await saveTenantLogo(acme.id, await uploadedBytes(file), OWNER);
    const [asset] = await demo.db.select().from(tenantAssets).where(eq(tenantAssets.tenantId, acme.id));
    expect(asset).toMatchObject({ kind: 'logo', contentType: 'image/png' });
    expect(Buffer.compare(asset!.bytes, PNG)).toBe(0);
    expect(saved.logoUrl).toBe(`/api/tenant-assets/${acme.id}/logo?v=${asset!.sha256.slice(0, 12)}`);
    expect((await getTenantByHost('acme.localhost'))?.logoUrl).toBe(saved.logoUrl);
  });

  it('refuses a text file named .png, an SVG, and anything over 512 KB', async () => {
    const before = await tenantRow(acme.id);
    const text = new File(['just some text, honestly'], 'logo.png', { type: 'image/png' });
    expect(fieldErrorsOf(await errorOf(saveTenantLogo(acme.id, await uploadedBytes(text), OWNER)))?.logo).toMatch(/not a PNG, JPEG or WebP/);
    const svg = new File([SVG], 'logo.svg', { type: 'image/svg+xml' });
    expect(fieldErrorsOf(await errorOf(saveTenantLogo(acme.id, await uploadedBytes(svg), OWNER)))?.logo).toMatch(/SVG and other formats are not accepted/);
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(fieldErrorsOf(await errorOf(saveTenantLogo(acme.id, huge, OWNER)))?.logo).toMatch(/larger than 512 KB/);
    expect(fieldErrorsOf(await errorOf(saveTenantLogo(acme.id, new Uint8Array(), OWNER)))?.logo).toMatch(/Choose an image/);
    expect(await tenantRow(acme.id)).toEqual(before);
  });

  it('gives emails an absolute URL of the uploaded logo', async () => {
    const tenant = await tenantRow(acme.id);
    const brand = emailBrandFor(tenant, 'http://acme.localhost:3000');
    expect(brand.logoUrl).toBe(`http://acme.localhost:3000${tenant.logoUrl}`);
    const email = await renderEmail('account-active', { brand, customerName: 'Sam', signInUrl: 'http://acme.localhost:3000/account/sign-in' });
    expect(email.html).toContain(`src="http://acme.localhost:3000/api/tenant-assets/${acme.id}/logo?v=`);
  });
});

describe('the public asset route', () => {
  it('serves the logo with its type, ETag and a long cache only for the current version', async () => {
    const tenant = await tenantRow(acme.id);
    const [asset] = await demo.db.select().from(tenantAssets).where(eq(tenantAssets.tenantId, acme.id));
    const versioned = await fetchAsset(acme.id, 'logo', `?v=${asset!.sha256.slice(0, 12)}`);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('content-type')).toBe('image/png');
    expect(versioned.headers.get('etag')).toBe(`"${asset!.sha256}"`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(versioned.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.compare(Buffer.from(await versioned.arrayBuffer()), PNG)).toBe(0);
    expect(tenant.logoUrl).toContain(`v=${asset!.sha256.slice(0, 12)}`);

    for (const query of ['', '?v=000000000000']) {
      const stale = await fetchAsset(acme.id, 'logo', query);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers 304 when the browser already has this version', async () => {
    const [asset] = await demo.db.select().from(tenantAssets).where(eq(tenantAssets.tenantId, acme.id));
    const cached = await fetchAsset(acme.id, 'logo', '', { 'if-none-match': `"${asset!.sha256}"` });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    expect(cached.headers.get('etag')).toBe(`"${asset!.sha256}"`);
    expect((await fetchAsset(acme.id, 'logo', '', { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('is a bare 404 for another shop, an unknown id or kind', async () => {
    for (const [tenantId, kind] of [
      [atraxion.id, 'logo'],
      ['00000000-0000-4000-8000-000000000000', 'logo'],
      ['not-a-uuid', 'logo'],
      [acme.id, 'favicon'],
      [acme.id, '..%2F..%2Fetc'],
    ] as const) {
      const response = await fetchAsset(tenantId, kind);
      expect(response.status, `${tenantId}/${kind}`).toBe(404);
      expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'Not found.' });
    }
  });

  it('forgets the logo when the owner removes it', async () => {
    const removed = await removeTenantLogo(acme.id, OWNER);
    expect(removed.logoUrl).toBeNull();
    expect((await fetchAsset(acme.id, 'logo')).status).toBe(404);
    expect(emailBrandFor(removed, 'http://acme.localhost:3000').logoUrl).toBeNull();
    expect(await tenantRow(atraxion.id)).toEqual(atraxion);
  });
});
