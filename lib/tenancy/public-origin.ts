type Env = Record<string, string | undefined>;

export const isLocalRoot = (root: string) => root === 'localhost' || root.endsWith('.localhost');

/**
 * The scheme and port the platform's public links use, from configuration only, never from a request,
 * so no Host header can choose where a link or a callback points. A deployment behind a proxy answers on
 * https's own port, whatever port the app listens on; outside production, or under a localhost root (a
 * build served straight from this machine), the app is reached on the port it listens on: Next's `-p`
 * (and `next dev`'s pick of a free port) is written to PORT in the server process. PUBLIC_URL_SCHEME and
 * PUBLIC_PORT override both.
 */
function publicSchemeAndPort(env: Env = process.env, root: string = env.PLATFORM_ROOT_DOMAIN ?? 'localhost'): { scheme: string; port: string } {
  const direct = env.NODE_ENV !== 'production' || isLocalRoot(root);
  const scheme = env.PUBLIC_URL_SCHEME || (direct ? 'http' : 'https');
  const port = env.PUBLIC_PORT ?? (direct ? env.PORT || '3000' : '');
  const defaultPort = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return { scheme, port: defaultPort ? '' : port };
}

/** `scheme://host[:port]` for one of the platform's own hosts (a shop, the console, the root). */
export function publicOrigin(host: string, env: Env = process.env, root: string = env.PLATFORM_ROOT_DOMAIN ?? 'localhost'): string {
  const { scheme, port } = publicSchemeAndPort(env, root);
  return `${scheme}://${host}${port ? `:${port}` : ''}`;
}
