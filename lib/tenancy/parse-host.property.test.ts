import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '@/tests/support/hostile-input';
import { normalizeHost, parseHost, requestHost, RESERVED_SUBDOMAINS, type HostTarget } from './parse-host';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ROOTS = ['storefleet.test', 'localhost', 'shops.example.co.uk'] as const;

const root = fc.constantFrom(...ROOTS);
/** What the deployment may set PLATFORM_ROOT_DOMAIN to, typos and all. */
const configuredRoot = fc.oneof(root, fc.constantFrom('StoreFleet.Test', 'storefleet.test.', 'localhost:3000', ' localhost ', '', undefined));

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const tenantLabel = label.filter((value) => !RESERVED_SUBDOMAINS.has(value) && !/^\d+$/.test(value));
const reserved = fc.constantFrom(...RESERVED_SUBDOMAINS);

/** The ways a browser, a proxy or a person writes the same host: case, port, trailing dot, www. */
const decorated = (host: string) =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: host.length, maxLength: host.length }),
      www: fc.boolean(),
      dot: fc.boolean(),
      port: fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
      space: fc.boolean(),
    })
    .map(({ upper, www, dot, port, space }) => {
      const cased = [...host].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join('');
      const text = `${www ? 'WwW.' : ''}${cased}${dot ? '.' : ''}${port === undefined ? '' : `:${port}`}`;
      return space ? ` ${text} ` : text;
    });

const anyHost = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined),
  fc
    .array(fc.oneof(label, reserved, fc.constantFrom('xn--bcher-kva', 'WWW', '', '-', 'a_b', 'bücher', '1', '127')), { maxLength: 6 })
    .map((labels) => labels.join('.')),
  fc.tuple(label, root, fc.constantFrom(':', ':80', ':abc', '.', '..', ':80:80', '%2e', '/x', '\u0000', '#')).map(([a, r, tail]) => `${a}.${r}${tail}`),
  fc.constantFrom('[::1]', '[::1]:3000', '[fe80::1%25eth0]', '::1', '127.0.0.1', '10.0.0.1:80', '0x7f.0.0.1', '\u212aacme.localhost'),
);

function expectConsistent(target: HostTarget, rootDomain: string) {
  if (target.kind !== 'tenant') return;
  expect(target.host).toBe(target.host.toLowerCase());
  expect(target.host.length).toBeLessThanOrEqual(253);
  for (const part of target.host.split('.')) expect(part).toMatch(LABEL);
  if (target.subdomain === null) {
    // A candidate custom domain is never the platform's own name nor a name under it.
    expect(target.host === rootDomain || target.host.endsWith(`.${rootDomain}`)).toBe(false);
  } else {
    expect(target.subdomain).toMatch(LABEL);
    expect(RESERVED_SUBDOMAINS.has(target.subdomain)).toBe(false);
    expect(target.host).toBe(`${target.subdomain}.${rootDomain}`);
  }
}

describe('parseHost: properties', () => {
  it('never throws, and whatever it accepts is a normalised host name consistent with the root', () => {
    fc.assert(
      fc.property(anyHost, configuredRoot, (host, rootDomain) => {
        const target = parseHost(host, rootDomain);
        expect(['platform', 'admin', 'tenant', 'invalid']).toContain(target.kind);
        expectConsistent(target, normalizeHost(rootDomain ?? '') ?? 'localhost');
      }),
      { numRuns: 500 },
    );
  });

  it('reads a tenant subdomain however the host is written', () => {
    fc.assert(
      fc.property(tenantLabel, root, (sub, rootDomain) => {
        fc.assert(
          fc.property(decorated(`${sub}.${rootDomain}`), (host) => {
            expect(parseHost(host, rootDomain)).toEqual({ kind: 'tenant', host: `${sub}.${rootDomain}`, subdomain: sub });
          }),
          { numRuns: 5 },
        );
      }),
      { numRuns: 100 },
    );
  });

  it('never reads a reserved name as a tenant: admin is the console, the rest is invalid', () => {
    fc.assert(
      fc.property(reserved, root, (sub, rootDomain) => {
        const target = parseHost(`${sub}.${rootDomain}`, rootDomain);
        // www.<root> is the platform itself (a leading www. is dropped).
        const expected = sub === 'admin' ? 'admin' : sub === 'www' ? 'platform' : 'invalid';
        expect(target.kind).toBe(expected);
      }),
    );
  });

  it('never reads a nested name under the root as a tenant, whatever the inner labels are', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), tenantLabel, root, (inner, sub, rootDomain) => {
        fc.pre(inner[0] !== 'www' || inner.length > 1);
        const target = parseHost(`${inner.join('.')}.${sub}.${rootDomain}`, rootDomain);
        expect(target).toEqual({ kind: 'invalid' });
      }),
    );
  });

  it('treats the root inside someone else’s domain as that domain, never as the platform’s tenant', () => {
    fc.assert(
      fc.property(tenantLabel, root, fc.constantFrom('evil.com', 'evil.test', 'co.uk'), (sub, rootDomain, evil) => {
        for (const host of [`${sub}.${rootDomain}.${evil}`, `${rootDomain}.${evil}`, `${sub}${rootDomain}`, `${sub}-${rootDomain}`]) {
          const target = parseHost(host, rootDomain);
          expect(target.kind === 'tenant' ? target.subdomain : null).toBeNull();
          expect(target.kind).not.toBe('platform');
          expect(target.kind).not.toBe('admin');
        }
        // evil.com.<root>: two labels under the root, so no tenant at all.
        expect(parseHost(`${evil}.${rootDomain}`, rootDomain)).toEqual({ kind: 'invalid' });
      }),
    );
  });

  it('refuses IP literals and names that are not host names', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.option(fc.integer({ min: 0, max: 65_535 }), { nil: undefined }), root, (ip, port, rootDomain) => {
        expect(parseHost(`[${ip}]${port === undefined ? '' : `:${port}`}`, rootDomain)).toEqual({ kind: 'invalid' });
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), fc.option(fc.integer({ min: 0, max: 65_535 }), { nil: undefined }), root, (ip, port, rootDomain) => {
        expect(parseHost(`${ip}${port === undefined ? '' : `:${port}`}`, rootDomain)).toEqual({ kind: 'invalid' });
      }),
    );
  });

  it('never lets a non-ASCII character stand in for an ASCII one (IDNs arrive as punycode)', () => {
    // U+212A KELVIN SIGN lower-cases to an ASCII "k".
    expect(parseHost('\u212aacme.localhost')).toEqual({ kind: 'invalid' });
    expect(parseHost('shop.\u212aiosk.test', 'kiosk.test')).toEqual({ kind: 'invalid' });
    expect(normalizeHost('shop.\u212aexample.com')).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), (text) => {
        fc.pre(/[^\x00-\x7f]/.test(text));
        expect(normalizeHost(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts punycode labels as they are', () => {
    expect(parseHost('xn--bcher-kva.localhost')).toEqual({ kind: 'tenant', host: 'xn--bcher-kva.localhost', subdomain: 'xn--bcher-kva' });
  });
});

describe('normalizeHost: properties', () => {
  it('returns null or a lower-case host of valid labels, without port or trailing dot', () => {
    fc.assert(
      fc.property(anyHost, (host) => {
        const normalized = normalizeHost(host);
        if (normalized === null) return;
        expect(normalized.length).toBeGreaterThan(0);
        expect(normalized.length).toBeLessThanOrEqual(253);
        expect(normalized.split('.').every((part) => LABEL.test(part))).toBe(true);
        // Stable once normalised (a doubled www. is only stripped once, so leave those aside).
        if (!normalized.startsWith('www.')) expect(normalizeHost(normalized)).toBe(normalized);
      }),
      { numRuns: 500 },
    );
  });
});

describe('requestHost: properties', () => {
  it('never throws and returns the first forwarded host, else the Host header', () => {
    const headerValue = fc.option(
      fc.oneof(
        hostileString,
        fc.array(label, { maxLength: 3 }).map((parts) => parts.join(', ')),
      ),
      { nil: null },
    );
    fc.assert(
      fc.property(headerValue, headerValue, (forwarded, host) => {
        const headers = { get: (name: string) => (name === 'x-forwarded-host' ? forwarded : name === 'host' ? host : null) };
        const first = forwarded?.split(',')[0]?.trim();
        expect(requestHost(headers)).toBe(first ? first : host);
      }),
    );
  });
});
