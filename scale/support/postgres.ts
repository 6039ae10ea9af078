/**
 * A fresh PostgreSQL database for one cluster of the scale tests, on the server of TEST_DATABASE_URL
 * (trust authentication on 127.0.0.1:5432 in CI): created empty, migrated and seeded with the demo shops
 * by db/setup.ts as an operator would (`npm run db:setup`), and dropped again with its dedicated
 * databases (`<name>_<connection>`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

const POSTGRES_SERVER_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScaleDatabase {
  name: string;
  /** Straight to PostgreSQL. */
  url: string;
  /** An operator's session on the database (as psql would be), for changes made outside the app. */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

function urlOf(name: string): string {
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createSeededDatabase(env: NodeJS.ProcessEnv): Promise<ScaleDatabase> {
  const name = `sf_scale_${randomBytes(4).toString('hex')}`;
  const admin = postgres(POSTGRES_SERVER_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 });
    throw new Error(`The scale tests need PostgreSQL at ${new URL(POSTGRES_SERVER_URL).host} (TEST_DATABASE_URL): ${String(error)}`);
  }
  const url = urlOf(name);
  let sql: postgres.Sql | undefined;
  const drop = async () => {
    await sql?.end({ timeout: 1 });
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname = ${name} or datname like ${`${name}\\_%`}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
  };
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/server-only-hook.mjs', 'db/setup.ts', '--articles', '300'], {
      env: { ...env, DATABASE_URL: url, DATABASE_DIRECT_URL: '', DATABASE_POOLING: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`seeding ${name} failed (db/setup.ts exit ${code})`);
    sql = postgres(url, { max: 2, onnotice: () => {}, prepare: false });
    return { name, url, sql, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
