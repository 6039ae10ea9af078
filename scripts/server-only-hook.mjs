/**
 * Lets a command-line tool load modules marked `import 'server-only'`. The `server-only` package throws
 * unless it is resolved under React's server condition, which Next.js applies to its server bundles;
 * a tool run by Node (tsx, Playwright, a spawned relay) is server code too, so here the marker resolves
 * to the package's own empty module. Use: `tsx --import ./scripts/server-only-hook.mjs <file>` or
 * `node --import tsx --import ./scripts/server-only-hook.mjs <file>`. Vitest aliases it in its config.
 */
import Module, { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const EMPTY = join(dirname(createRequire(import.meta.url).resolve('server-only')), 'empty.js');

/** The ES module resolve hook (runs on the loader thread). */
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: pathToFileURL(EMPTY).href, shortCircuit: true };
  return next(specifier, context);
}

if (isMainThread) {
  register(import.meta.url);
  // require('server-only') from CommonJS does not pass the hook above on every Node version.
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return resolveFilename.call(this, request === 'server-only' ? EMPTY : request, ...rest);
  };
}
