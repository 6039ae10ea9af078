/**
 * Prepares a database for the app: migrates the default and every dedicated tenant database, and seeds
 * the demo data on first run. Idempotent: `npm run dev` runs it on every start.
 *
 *   tsx db/setup.ts [--articles N] [--no-seed]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONNECTION, getRegistry } from './connection-registry';
import { migrateAll } from './migrate';
import { isSeeded, seedDemo } from './seed/seed-demo';
import { refreshCatalogSummaries } from '@/lib/catalog/catalog-summary';
import { projectPlatformReadModel } from '@/lib/platform-read-model/projector';
import { log, redactUrl } from '@/lib/log';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: process.env.SEED_ARTICLES ?? '3000' }, 'no-seed': { type: 'boolean', default: false } },
});

async function main() {
  const started = performance.now();
  const registry = getRegistry();
  log.info({ database: redactUrl(registry.urlFor(DEFAULT_CONNECTION)) }, 'preparing database');
  await migrateAll(registry);
  const { db } = await registry.get(DEFAULT_CONNECTION);
  if (!values['no-seed'] && !(await isSeeded(db))) {
    const articleCount = Number(values.articles);
    if (!Number.isInteger(articleCount) || articleCount < 300) throw new Error('--articles must be a whole number of at least 300');
    const result = await seedDemo(db, { articleCount });
    log.info({ articles: result.articleCount, tenants: Object.keys(result.tenantIds) }, 'demo data seeded');
    // Seeding adds tenants with dedicated databases: bring those up to date too.
    await migrateAll(registry);
  }
  // Facet counts of each shop's unfiltered listing, so that no buyer waits for them after a deploy.
  const { computed } = await refreshCatalogSummaries(db);
  if (computed > 0) log.info({ shops: computed }, 'catalog summaries computed');
  // The console's cross-tenant lists read the platform read model: take in what seeding and the
  // migrations' backfill announced, so they are complete before the first request.
  await projectPlatformReadModel();
  await registry.closeAll();
  log.info({ ms: Math.round(performance.now() - started) }, 'database ready');
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'database setup failed');
  process.exit(1);
});
