import { describe, expect, it } from 'vitest';
import { ConnectionRegistry, configFromEnv, deriveDedicatedUrl } from './connection-registry';

describe('dedicated database URLs', () => {
  it('puts a dedicated PostgreSQL database beside the default one on the same server', () => {
    expect(deriveDedicatedUrl('postgres://app:secret@db.internal:5432/storefleet', 'bigcorp')).toBe(
      'postgres://app:secret@db.internal:5432/storefleet_bigcorp',
    );
  });

  it('puts a dedicated PGlite database in a sibling directory, and keeps memory in memory', () => {
    expect(deriveDedicatedUrl('pglite://.data/default', 'bigcorp')).toBe('pglite://.data/default--bigcorp');
    expect(deriveDedicatedUrl('pglite://memory', 'bigcorp')).toBe('pglite://memory');
  });

  it('refuses connection names that could escape a path or a database name', () => {
    expect(() => deriveDedicatedUrl('pglite://.data/default', '../x')).toThrow();
    expect(() => deriveDedicatedUrl('postgres://h/db', 'a"; drop')).toThrow();
  });

  it('prefers an explicitly configured URL', () => {
    const registry = new ConnectionRegistry(
      configFromEnv({ DATABASE_URL: 'postgres://h/main', TENANT_DATABASE_URLS: '{"bigcorp":"postgres://other/bc"}' }),
    );
    expect(registry.urlFor('bigcorp')).toBe('postgres://other/bc');
    expect(registry.urlFor('enterprise_x')).toBe('postgres://h/main_enterprise_x');
    expect(registry.urlFor('default')).toBe('postgres://h/main');
  });

  it('defaults to the embedded database when DATABASE_URL is unset', () => {
    expect(configFromEnv({}).defaultUrl).toBe('pglite://.data/default');
  });
});
