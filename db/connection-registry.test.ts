import { describe, expect, it } from 'vitest';
import { ConnectionRegistry, DatabaseConfigError, configFromEnv, deriveDedicatedUrl } from './connection-registry';

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
    const registry = new ConnectionRegistry(configFromEnv({ DATABASE_URL: 'postgres://h/main', TENANT_DATABASE_URLS: '{"bigcorp":"postgres://other/bc"}' }));
    expect(registry.urlFor('bigcorp')).toBe('postgres://other/bc');
    expect(registry.urlFor('enterprise_x')).toBe('postgres://h/main_enterprise_x');
    expect(registry.urlFor('default')).toBe('postgres://h/main');
  });

  it('defaults to the embedded database when DATABASE_URL is unset', () => {
    expect(configFromEnv({}).defaultUrl).toBe('pglite://.data/default');
  });
});

describe('behind a transaction-pooling bouncer (DATABASE_POOLING=transaction)', () => {
  const bouncer = 'postgres://app@bouncer:6432/storefleet';
  const direct = 'postgres://app@db:5432/storefleet';

  it('defaults to session pooling, with the direct URL the pooled one', () => {
    const config = configFromEnv({ DATABASE_URL: direct });
    expect(config.pooling).toBe('session');
    const registry = new ConnectionRegistry(config);
    expect(registry.directUrlFor('default')).toBe(direct);
    expect(registry.directUrlFor('bigcorp')).toBe('postgres://app@db:5432/storefleet_bigcorp');
  });

  it('refuses transaction pooling without a direct URL, saying what to set', () => {
    expect(() => configFromEnv({ DATABASE_URL: bouncer, DATABASE_POOLING: 'transaction' })).toThrow(/DATABASE_DIRECT_URL/);
    expect(() => configFromEnv({ DATABASE_URL: bouncer, DATABASE_POOLING: 'transaction', DATABASE_DIRECT_URL: bouncer })).toThrow(DatabaseConfigError);
  });

  it('refuses an unknown pooling mode and a direct URL for the embedded database', () => {
    expect(() => configFromEnv({ DATABASE_URL: bouncer, DATABASE_POOLING: 'statement' })).toThrow(/DATABASE_POOLING: "statement" is not a pooling mode/);
    expect(() => configFromEnv({ DATABASE_POOLING: 'transaction' })).toThrow(/PostgreSQL only/);
    expect(() => configFromEnv({ DATABASE_URL: bouncer, DATABASE_DIRECT_URL: 'pglite://memory' })).toThrow(/DATABASE_DIRECT_URL must be a postgres:\/\/ URL/);
    expect(() => configFromEnv({ DATABASE_URL: `${bouncer}?pgbouncer=true` })).toThrow(/set DATABASE_POOLING=transaction/);
    try {
      configFromEnv({ DATABASE_URL: bouncer, DATABASE_POOLING: 'transaction' });
    } catch (error) {
      expect((error as DatabaseConfigError).code).toBe('DATABASE_CONFIG_INVALID');
    }
  });

  it("derives a dedicated database's direct URL from DATABASE_DIRECT_URL, and needs one for each configured database", () => {
    const env = { DATABASE_URL: bouncer, DATABASE_POOLING: 'transaction', DATABASE_DIRECT_URL: direct };
    const registry = new ConnectionRegistry(configFromEnv(env));
    expect(registry.urlFor('bigcorp')).toBe('postgres://app@bouncer:6432/storefleet_bigcorp');
    expect(registry.directUrlFor('bigcorp')).toBe('postgres://app@db:5432/storefleet_bigcorp');
    const withDedicated = { ...env, TENANT_DATABASE_URLS: '{"acme":"postgres://app@bouncer:6432/acme"}' };
    expect(() => configFromEnv(withDedicated)).toThrow(/TENANT_DATABASE_DIRECT_URLS has no direct URL for acme/);
    const complete = new ConnectionRegistry(configFromEnv({ ...withDedicated, TENANT_DATABASE_DIRECT_URLS: '{"acme":"postgres://app@db2:5432/acme"}' }));
    expect(complete.urlFor('acme')).toBe('postgres://app@bouncer:6432/acme');
    expect(complete.directUrlFor('acme')).toBe('postgres://app@db2:5432/acme');
  });
});
