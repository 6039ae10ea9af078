import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { internalRewriteUrl, publicRequestUrl } from './rewrite-url';

const nextConfig = ((await import(pathToFileURL(path.resolve('next.config.mjs')).href)) as { default: NextConfig }).default;

describe('rewrite URLs', () => {
  it('keep the origin middleware was called on, whatever address the server is bound to', () => {
    for (const origin of ['http://127.0.0.1:3400', 'http://0.0.0.0:3401', 'http://localhost:3402', 'http://[::1]:3403', 'https://10.1.2.3:3000']) {
      const url = internalRewriteUrl(publicRequestUrl(`${origin}/products?brand=b&brand=a`), '/shop/acme.localhost/products');
      expect(url.origin).toBe(origin);
      expect(`${url.pathname}${url.search}`).toBe('/shop/acme.localhost/products?brand=b&brand=a');
    }
  });

  it('drop only the router’s `_rsc` parameter, and leave a query without it exactly as sent', () => {
    expect(publicRequestUrl('http://127.0.0.1:3400/products?q=a%20b&_rsc=x1y2').search).toBe('?q=a+b');
    expect(publicRequestUrl('http://127.0.0.1:3400/products?q=a%20b').search).toBe('?q=a%20b');
  });

  it('rely on middleware seeing the router’s own URL (skipProxyUrlNormalize)', () => {
    // Normalised, `request.url` is on `localhost` under `-H 127.0.0.1`, and Next proxies the rewrite.
    expect(nextConfig.skipProxyUrlNormalize).toBe(true);
  });
});
