/**
 * What must never reach the browser: the logger and the database drivers. Each is recognised by string
 * literals from its own source that survive minification (scale/client-bundle.test.ts checks that every
 * one is still in the installed package, so the scan cannot pass because a marker went stale).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SERVER_ONLY_PACKAGES = {
  // lib/symbols.js (Node) and browser.js (what a client bundle would get from pino's `browser` field).
  pino: ['pino.setLevel', 'pino.bindings', 'missing bindings for child Pino'],
  // Its error codes, in src/, cjs/src/ and cf/src/ alike.
  postgres: ['MAX_PARAMETERS_EXCEEDED', 'UNSAFE_TRANSACTION'],
  // The Emscripten loader's data file name.
  '@electric-sql/pglite': ['datafile_pglite.data', '"pglite.data"'],
} as const satisfies Record<string, readonly string[]>;

export type ServerOnlyPackage = keyof typeof SERVER_ONLY_PACKAGES;

/** Every JavaScript file under `dir`, recursively. */
export function javaScriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export interface Finding {
  file: string;
  pkg: ServerOnlyPackage;
  marker: string;
}

/** Every file under `dir` that holds a marker of a server-only package, with the first marker found. */
export function findServerOnlyCode(dir: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of javaScriptFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const [pkg, markers] of Object.entries(SERVER_ONLY_PACKAGES) as [ServerOnlyPackage, readonly string[]][]) {
      const marker = markers.find((m) => text.includes(m));
      if (marker) findings.push({ file, pkg, marker });
    }
  }
  return findings;
}
