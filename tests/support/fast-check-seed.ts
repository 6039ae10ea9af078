import fc from 'fast-check';

/**
 * Property tests explore new inputs on every local run. CI runs them with one fixed seed, so a build's
 * outcome does not depend on luck; `FC_SEED=<n>` replays any run (fast-check prints the seed of a failure).
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_123 : undefined;
if (seed !== undefined && Number.isSafeInteger(seed)) fc.configureGlobal({ seed });
