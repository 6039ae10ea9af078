import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseHost } from '@/lib/tenancy/parse-host';
import { hostileString, hostileValue, thrownBy } from '@/tests/support/hostile-input';
import { parseCustomDomain } from './custom-domain';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const root = fc.constantFrom('storefleet.test', 'localhost', 'shops.example.co.uk');
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?$/),
  fc.constantFrom('www', 'WWW', 'admin', 'xn--bcher-kva', '_storefleet-verify'),
);
const domainish = fc.oneof(
  hostileString,
  hostileValue,
  fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.')),
  fc.tuple(fc.array(label, { maxLength: 2 }), root).map(([labels, r]) => [...labels, r].join('.')),
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', '', ' '),
      fc.array(label, { minLength: 2, maxLength: 3 }),
      fc.constantFrom('', '/', ':443', '.', '/path', '@x'),
    )
    .map(([scheme, labels, tail]) => `${scheme}${labels.join('.')}${tail}`),
);

function expectFieldError(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe('VALIDATION_FAILED');
  expect(appError.message.trim()).not.toBe('');
  expect(appError.details?.fieldErrors).toEqual({ domain: appError.message });
}

describe('parseCustomDomain: properties', () => {
  it('throws nothing but a field error, and accepts only host names that route to a custom-domain shop', () => {
    fc.assert(
      fc.property(domainish, root, (raw, platformRoot) => {
        let domain: string | undefined;
        const error = thrownBy(() => {
          domain = parseCustomDomain(raw, platformRoot);
        });
        if (error !== undefined) {
          expectFieldError(error);
          return;
        }
        expect(domain!.split('.').length).toBeGreaterThanOrEqual(2);
        for (const part of domain!.split('.')) expect(part).toMatch(LABEL);
        // The shop must be reachable at exactly the domain stored for it, and never as a platform name.
        expect(parseHost(domain, platformRoot)).toEqual({ kind: 'tenant', host: domain, subdomain: null });
        expect(parseHost(`${domain!.toUpperCase()}.:443`, platformRoot)).toEqual({ kind: 'tenant', host: domain, subdomain: null });
      }),
      { numRuns: 500 },
    );
  });

  it('stores a plain domain as typed, lower-cased and without a trailing dot', () => {
    fc.assert(
      fc.property(
        fc.array(
          label.filter((l) => LABEL.test(l) && l !== 'www'),
          { minLength: 2, maxLength: 4 },
        ),
        (labels) => {
          const domain = labels.join('.');
          fc.pre(!/^\d+(\.\d+){3}$/.test(domain) && !domain.endsWith('localhost'));
          expect(parseCustomDomain(` ${domain.toUpperCase()}. `, 'storefleet.test')).toBe(domain);
        },
      ),
    );
  });

  it('refuses a doubled www., which would never be served under the stored name', () => {
    const error = thrownBy(() => parseCustomDomain('www.www.example.com', 'storefleet.test'));
    expectFieldError(error);
  });
});
