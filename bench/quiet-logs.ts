// Imported first by run.ts: the project's modules log through pino at import time's level, and the
// benchmark's own output should not drown in migration and seeding logs.
process.env.LOG_LEVEL ??= 'warn';
