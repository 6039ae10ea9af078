import { describe, expect, it } from 'vitest';
import { EmptyTenantIdError, sameTenant, TenantId } from './tenant-id';

describe('TenantId', () => {
  it('trims the value and exposes it through toString()', () => {
    expect(TenantId.of('  acme ').toString()).toBe('acme');
  });

  it('rejects an empty or whitespace-only id with a TypeError', () => {
    for (const bad of ['', ' ', '\t\n ']) {
      expect(() => TenantId.of(bad)).toThrow(TypeError);
      expect(() => TenantId.of(bad)).toThrow('Tenant id cannot be empty');
      expect(() => TenantId.of(bad)).toThrow(EmptyTenantIdError);
    }
  });

  it('compares by value', () => {
    expect(TenantId.of('acme').equals(TenantId.of(' acme'))).toBe(true);
    expect(TenantId.of('acme').equals(TenantId.of('globex'))).toBe(false);
  });

  it('is immutable', () => {
    const id = TenantId.of('acme');
    expect(Object.isFrozen(id)).toBe(true);
  });
});

describe('sameTenant', () => {
  it('treats null as its own tenant and UUIDs case-insensitively', () => {
    expect(sameTenant(null, null)).toBe(true);
    expect(sameTenant(null, 'acme')).toBe(false);
    expect(sameTenant('acme', null)).toBe(false);
    expect(sameTenant('0b3a0c1e-aaaa-4bbb-8ccc-000000000001', '0B3A0C1E-AAAA-4BBB-8CCC-000000000001')).toBe(true);
  });
});
