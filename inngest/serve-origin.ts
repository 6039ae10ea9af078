import { publicOrigin } from '@/lib/tenancy/public-origin';

/**
 * Where the engine reaches this app's functions (each pool's path, `servePathForPool`, on this origin), as
 * the app tells it on every sync: `INNGEST_SERVE_ORIGIN` when the engine must call another address (a
 * private network name, say), else the platform's root
 * domain as the public sees it (`PLATFORM_ROOT_DOMAIN`, `PUBLIC_URL_SCHEME`, `PUBLIC_PORT`). Never the
 * request's Host: otherwise whoever sends the sync chooses who receives every shop's function runs.
 * `undefined` when `INNGEST_SERVE_ORIGIN` is set but is no http(s) origin.
 */
export function workflowServeOrigin(env: Record<string, string | undefined> = process.env): string | undefined {
  const configured = env.INNGEST_SERVE_ORIGIN?.trim();
  if (!configured) return publicOrigin(env.PLATFORM_ROOT_DOMAIN ?? 'localhost', env);
  try {
    const url = new URL(configured);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
