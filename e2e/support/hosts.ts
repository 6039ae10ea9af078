/**
 * Every storefront is tested on its real host name, so routing by Host header runs end to end.
 * `*.localhost` resolves to loopback in Chromium; the custom domain is mapped to loopback by the
 * `--host-resolver-rules` flag in playwright.config.ts.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

const ROOT_DOMAIN = 'localhost';
export const ACME_CUSTOM_DOMAIN = 'shop.acmewheels.test';

function withPath(origin: string, path: string): string {
  return `${origin}${path.startsWith('/') ? path : `/${path}`}`;
}

/** A URL on a host under the platform root, e.g. `shopUrl('acme', '/products')`. */
export function shopUrl(sub: string, path = '/'): string {
  return withPath(`http://${sub}.${ROOT_DOMAIN}:${E2E_PORT}`, path);
}

/** A URL on ACME's own domain. */
export function customDomainUrl(path = '/'): string {
  return withPath(`http://${ACME_CUSTOM_DOMAIN}:${E2E_PORT}`, path);
}

/** The platform's own landing host (no subdomain). */
export function platformUrl(path = '/'): string {
  return withPath(`http://${ROOT_DOMAIN}:${E2E_PORT}`, path);
}

export function adminUrl(path = '/'): string {
  return shopUrl('admin', path);
}
