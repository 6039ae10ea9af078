/**
 * No client bundle carries the logger or a database driver: every JavaScript file the production build
 * serves to browsers (`<build>/static/`) is searched for code of pino, postgres.js and PGlite. A client
 * component that imports, however indirectly, lib/log, db/ or a module that does would put them there
 * (as `lib/forms/form-state.ts` once did with pino, for every client form).
 */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { findServerOnlyCode, javaScriptFiles, SERVER_ONLY_PACKAGES, type ServerOnlyPackage } from './support/client-bundle';

const staticDir = path.join(inject('scaleBuildDir'), 'static');
const packages = Object.keys(SERVER_ONLY_PACKAGES) as ServerOnlyPackage[];

describe('client bundles', () => {
  it.each(packages)('every marker of %s is in the installed package, so the scan below can find it', (pkg) => {
    const dir = path.join('node_modules', pkg);
    expect(existsSync(dir), dir).toBe(true);
    const sources = javaScriptFiles(dir).map((file) => readFileSync(file, 'utf8'));
    for (const marker of SERVER_ONLY_PACKAGES[pkg]) {
      expect(
        sources.some((text) => text.includes(marker)),
        `${pkg}: ${JSON.stringify(marker)} is in none of its files`,
      ).toBe(true);
    }
    // And the scan itself reports the package's own code.
    expect(findServerOnlyCode(dir).some((finding) => finding.pkg === pkg)).toBe(true);
  });

  it('the build has client bundles to search', () => {
    expect(javaScriptFiles(staticDir).length).toBeGreaterThan(20);
  });

  it('none of them holds pino, postgres.js or PGlite', () => {
    const findings = findServerOnlyCode(staticDir).map(({ file, pkg, marker }) => `${path.relative(staticDir, file)}: ${pkg} (${JSON.stringify(marker)})`);
    expect(findings).toEqual([]);
  });
});
