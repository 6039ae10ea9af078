import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isDeclaredAction } from '@/lib/forms/form-action';

/**
 * Two rules of the app layer, checked over the file system so a new file is covered without anyone
 * listing it:
 *
 *   - every export of a `'use server'` file is built by a builder of `lib/forms/form-action.ts`, which
 *     checks the shop and the actor before the action's own code runs, so no action can forget it;
 *   - nothing under app/ or components/ opens a tenant transaction (`withTenant`): pages and actions
 *     call lib, whose commands take a tenant id and whose queries take the transaction.
 */

vi.mock('server-only', () => ({}));

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Hand-written on purpose: Auth.js itself decides the shop and the person (its authorize callback reads
 * the request), and `signInWithCredentials` maps its refusals and lets its redirect through. Sign-out
 * takes no form. Nothing else may join this list.
 */
const AUTH_JS_ACTIONS = new Set([
  'app/admin/actions.ts#adminSignInAction',
  'app/admin/actions.ts#adminSignOutAction',
  'app/dashboard/[host]/actions.ts#staffSignInAction',
  'app/dashboard/[host]/actions.ts#staffSignOutAction',
  'app/shop/[host]/account/actions.ts#signInAction',
  'app/shop/[host]/account/actions.ts#signOutAction',
]);

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const relative = path.join(dir, entry);
    if (statSync(path.join(ROOT, relative)).isDirectory()) found.push(...sourceFiles(relative));
    else if (/\.tsx?$/.test(entry)) found.push(relative);
  }
  return found.sort();
}

const isServerActionFile = (file: string) => /^\s*['"]use server['"]/.test(readFileSync(path.join(ROOT, file), 'utf8'));

describe('server actions go through the action builders', () => {
  const files = sourceFiles('app').filter(isServerActionFile);

  it('finds the action files', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it('every exported action of a "use server" file is declared with a builder, or is an Auth.js sign-in or sign-out', async () => {
    const handWritten: string[] = [];
    const listed: string[] = [];
    for (const file of files) {
      const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        const key = `${file}#${name}`;
        if (AUTH_JS_ACTIONS.has(key)) listed.push(key);
        else if (!isDeclaredAction(value)) handWritten.push(key);
      }
    }
    expect(handWritten).toEqual([]);
    // The list names only what exists, so it cannot quietly grow stale.
    expect(listed.sort()).toEqual([...AUTH_JS_ACTIONS].sort());
  });
});

describe('pages, actions and components open no tenant transaction', () => {
  it('no file under app/ or components/ calls withTenant', () => {
    const offenders = [...sourceFiles('app'), ...sourceFiles('components')].filter((file) =>
      /\bwithTenant\b/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
