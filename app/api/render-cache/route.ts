import { renderCacheState } from '@/lib/cache/render-cache-state.mjs';
import { AppError, toErrorBody } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * How full this instance's render cache is, for the browser tests and an operator sizing
 * RENDER_CACHE_MB. Off unless RENDER_CACHE_STATS=1: it names no shop or page, but traffic volume is
 * nobody's business by default. (The handler module itself is not imported here: Next.js loads it on
 * its own, and a bundled copy would be a second, empty cache.)
 */
export function GET() {
  const stats = renderCacheState().stats;
  if (process.env.RENDER_CACHE_STATS !== '1' || !stats) {
    const { status, body } = toErrorBody(new AppError('NOT_FOUND', 'There is nothing here.'));
    return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
  }
  return Response.json(stats(), { headers: { 'cache-control': 'no-store' } });
}
