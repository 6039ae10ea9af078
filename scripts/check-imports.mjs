/**
 * `npm run lint:imports`: the import boundaries. One dependency-cruiser run over the whole tree checks the
 * rules in .dependency-cruiser.cjs (layers, cycles); its module graph is then checked here for the rules
 * that need a file's text or the graph as the bundler sees it:
 * - client-never-reaches-the-server: what a client component pulls into the browser bundle. The walk
 *   follows what the bundler follows: it skips `import type` (erased) and stops at a `'use server'`
 *   module (a client gets a reference to the action, not its code).
 * - database-code-is-server-only: a lib module that imports db/, the logger or `withTenant` starts with
 *   `import 'server-only'`, so that a client import of it fails the build.
 * - edge-entries-stay-unmarked: the modules middleware.ts and instrumentation.ts load carry no marker.
 *   Next.js resolves `server-only` to its empty module for the React server layer; middleware and
 *   instrumentation are compiled apart from it, and the marker has failed there in past releases.
 * Exits non-zero on any violation. See docs/architecture.md, section "Boundaries and style".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'inngest',
  'emails',
  'scripts',
  'bench',
  'scale',
  'resilience',
  'tests',
  'e2e',
  'middleware.ts',
  'instrumentation.ts',
];

/** What no module in a client bundle may be or import: storage, the logger, drivers, server-only code. */
const SERVER_ONLY = [/^db\//, /^lib\/log/, /(^|\/)node_modules\/(server-only|pino|postgres|@electric-sql\/pglite)\//];

async function cruiseTree() {
  process.chdir(ROOT);
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const { output } = await cruise(SOURCES, { ...options, validate: true }, {}, { tsConfig: extractTSConfig('tsconfig.json') });
  return output;
}

const directive = (source, name) => new RegExp(`^\\s*(?:/\\*[\\s\\S]*?\\*/\\s*|//[^\\n]*\\n\\s*)*['"]${name}['"]`).test(source);

function read(path) {
  try {
    return readFileSync(new URL(path, `file://${ROOT}/`), 'utf8');
  } catch {
    return '';
  }
}

/** Each client component's first path to a forbidden module, as `a → b → c`. */
function clientViolations(modules) {
  const bySource = new Map(modules.map((module) => [module.source, module]));
  const local = modules.filter((module) => !module.source.includes('node_modules/'));
  const clients = local.filter((module) => directive(read(module.source), 'use client'));
  const violations = [];
  for (const client of clients) {
    const seen = new Map([[client.source, null]]);
    const queue = [client.source];
    while (queue.length > 0) {
      const current = queue.shift();
      if (SERVER_ONLY.some((pattern) => pattern.test(current))) {
        const path = [];
        for (let at = current; at; at = seen.get(at)) path.unshift(at);
        violations.push(path.join(' → '));
        break;
      }
      if (current !== client.source && !current.includes('node_modules/') && directive(read(current), 'use server')) continue;
      for (const dependency of bySource.get(current)?.dependencies ?? []) {
        if (dependency.dependencyTypes.includes('type-only') || dependency.couldNotResolve || seen.has(dependency.resolved)) continue;
        seen.set(dependency.resolved, current);
        queue.push(dependency.resolved);
      }
    }
  }
  return violations;
}

const MARKER = /^import 'server-only';$/m;
const TOUCHES_DATABASE = /^(db\/|lib\/log\.ts$|lib\/tenancy\/with-tenant\.ts$)/;
const EDGE_ENTRIES = ['middleware.ts', 'instrumentation.ts'];

/** Every module that `entries` load (type imports aside), the entries included. */
function loadedBy(modules, entries) {
  const bySource = new Map(modules.map((module) => [module.source, module]));
  const seen = new Set(entries);
  const queue = [...entries];
  while (queue.length > 0) {
    for (const dependency of bySource.get(queue.shift())?.dependencies ?? []) {
      if (dependency.dependencyTypes.includes('type-only') || seen.has(dependency.resolved)) continue;
      seen.add(dependency.resolved);
      queue.push(dependency.resolved);
    }
  }
  return seen;
}

function serverOnlyViolations(modules) {
  const edge = loadedBy(modules, EDGE_ENTRIES);
  const violations = [];
  for (const module of modules) {
    if (!/^lib\/.*\.tsx?$/.test(module.source) || /\.(test|spec)\.tsx?$/.test(module.source)) continue;
    const marked = MARKER.test(read(module.source));
    if (edge.has(module.source)) {
      if (marked) violations.push(`edge-entries-stay-unmarked: ${module.source} (loaded by ${EDGE_ENTRIES.join(' or ')})`);
      continue;
    }
    const touches = module.dependencies.find((dependency) => !dependency.dependencyTypes.includes('type-only') && TOUCHES_DATABASE.test(dependency.resolved));
    if (touches && !marked) violations.push(`database-code-is-server-only: ${module.source} imports ${touches.resolved} without import 'server-only'`);
  }
  return violations;
}

const result = await cruiseTree();
const ruleViolations = result.summary.violations.map((violation) => {
  const via = violation.cycle ? violation.cycle.map((step) => step.name ?? step).join(' → ') : `${violation.from} → ${violation.to}`;
  return `${violation.rule.name}: ${via}`;
});
const clients = clientViolations(result.modules).map((path) => `client-never-reaches-the-server: ${path}`);
const all = [...ruleViolations, ...clients, ...serverOnlyViolations(result.modules)];
for (const line of all) console.error(line);
console.log(`imports: ${result.summary.totalCruised} modules, ${all.length} violation${all.length === 1 ? '' : 's'}`);
process.exit(all.length > 0 ? 1 : 0);
