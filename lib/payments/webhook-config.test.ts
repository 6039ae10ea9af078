import { describe, expect, it } from 'vitest';
import { firstResolved, headerTenantResolver, payloadTenantResolver, platformWebhookConfig, type TenantResolver } from './webhook-config';

const ctx = (headers: Record<string, string>, payload: unknown) => ({
  provider: 'sandbox',
  headers,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

describe('tenant resolvers', () => {
  it('reads the x-tenant-id header', () => {
    expect(headerTenantResolver.resolve(ctx({ 'x-tenant-id': 'acme' }, {}))).toBe('acme');
    expect(headerTenantResolver.resolve(ctx({}, {}))).toBeNull();
  });

  it('reads tenant_id, else metadata.tenantId, from the payload', () => {
    expect(payloadTenantResolver.resolve(ctx({}, { tenant_id: 'acme', metadata: { tenantId: 'globex' } }))).toBe('acme');
    expect(payloadTenantResolver.resolve(ctx({}, { metadata: { tenantId: 'globex' } }))).toBe('globex');
    expect(payloadTenantResolver.resolve(ctx({}, { id: 'evt_1' }))).toBeNull();
  });

  it('finds no tenant in a body that is not a JSON object, or in a non-string value', () => {
    for (const payload of ['not json', '[]', 'null', '"acme"', JSON.stringify({ tenant_id: 42 }), JSON.stringify({ metadata: 'acme' })]) {
      expect(payloadTenantResolver.resolve(ctx({}, payload))).toBeNull();
    }
  });

  it('takes the first non-null answer, awaiting asynchronous resolvers', async () => {
    const later: TenantResolver = { resolve: async () => 'from-async' };
    const never: TenantResolver = { resolve: () => null };
    expect(await firstResolved(never, later).resolve(ctx({}, {}))).toBe('from-async');
    expect(await firstResolved(never, never).resolve(ctx({}, {}))).toBeNull();
  });

  it('platform config: tenancy enabled, the signed payload first, a contradicting header refused', async () => {
    expect(platformWebhookConfig.enabled).toBe(true);
    const resolver = platformWebhookConfig.resolver!;
    expect(await resolver.resolve(ctx({}, { tenant_id: 'payload' }))).toBe('payload');
    expect(await resolver.resolve(ctx({ 'x-tenant-id': 'PAYLOAD' }, { tenant_id: 'payload' }))).toBe('payload');
    expect(await resolver.resolve(ctx({ 'x-tenant-id': 'header' }, {}))).toBe('header');
    await expect(resolver.resolve(ctx({ 'x-tenant-id': 'header' }, { tenant_id: 'payload' }))).rejects.toThrow(/does not match/);
    expect(await resolver.resolve(ctx({}, {}))).toBeNull();
  });
});
