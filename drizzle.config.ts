import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: it diffs db/schema against the migration history offline.
// Migrations are applied by db/migrate.ts to the default and every dedicated database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
