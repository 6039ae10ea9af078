/**
 * How the platform's own hosts are reached from outside (scheme and port), from configuration only:
 * `PUBLIC_URL_SCHEME` and `PUBLIC_PORT`, `https` and the default port in production, `http` and 3000
 * otherwise. Never from a request, so no Host header can choose where a link or a callback points.
 */
export function publicOrigin(host: string, env: Record<string, string | undefined> = process.env): string {
  const production = env.NODE_ENV === 'production';
  const scheme = env.PUBLIC_URL_SCHEME ?? (production ? 'https' : 'http');
  const port = env.PUBLIC_PORT ?? (production ? '' : '3000');
  const defaultPort = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return `${scheme}://${host}${port && !defaultPort ? `:${port}` : ''}`;
}
