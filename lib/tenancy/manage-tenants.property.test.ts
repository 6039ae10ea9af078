import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '@/lib/errors';
import { hostileString, hostileValue, safeParseReadable } from '@/tests/support/hostile-input';

// No database: the property is that a malformed id never reaches one.
const platformDb = vi.hoisted(() => vi.fn());
vi.mock('@/db/connection-registry', () => ({ platformDb }));

const { getTenantForAdmin } = await import('./manage-tenants');
const { moveTenantSchema } = await import('./tenant-moves');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noTenants = { select: () => ({ from: () => ({ where: async () => [] }) }) };

describe('getTenantForAdmin: properties', () => {
  beforeEach(() => {
    platformDb.mockReset();
    platformDb.mockResolvedValue(noTenants);
  });

  it('answers NOT_FOUND for any id, and only a UUID reaches the uuid column', async () => {
    const uuidAlphabet = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF-'), minLength: 36, maxLength: 36 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, uuidAlphabet, fc.uuid()), async (id) => {
        platformDb.mockClear();
        const error = await getTenantForAdmin(id).catch((e: unknown) => e);
        expect(isAppError(error, 'NOT_FOUND')).toBe(true);
        if (!UUID.test(id)) expect(platformDb).not.toHaveBeenCalled();
      }),
      { numRuns: 300 },
    );
  });

  it('does not send 36 dashes to PostgreSQL as a uuid', async () => {
    const error = await getTenantForAdmin('-'.repeat(36)).catch((e: unknown) => e);
    expect(isAppError(error, 'NOT_FOUND')).toBe(true);
    expect(platformDb).not.toHaveBeenCalled();
  });
});

describe('moveTenantSchema: properties', () => {
  it('accepts only names that are safe as a database or directory name', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileValue,
          hostileString.map((target) => ({ target })),
        ),
        (input) => {
          const result = safeParseReadable(moveTenantSchema, input);
          if (result.success) expect(result.data.target).toMatch(/^[a-z][a-z0-9_]{1,30}$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
