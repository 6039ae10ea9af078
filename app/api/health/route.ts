import { sql } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { AppError, toErrorBody } from '@/lib/errors';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** For load balancers and on-call: 200 when the default database answers, 503 with a stable code when not. */
export async function GET() {
  try {
    const db = await platformDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    log.error({ err: error }, 'health check failed');
    const { status, body } = toErrorBody(new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable.', { cause: error }));
    return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
  }
}
