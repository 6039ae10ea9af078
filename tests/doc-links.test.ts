import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The docs live in the repository: a moved or renamed file must not leave a dangling link behind.
describe('documentation links', () => {
  it('every relative link in README.md and docs/ resolves to a file in the repository', () => {
    const script = path.resolve(import.meta.dirname, '../scripts/check-doc-links.mjs');
    const output = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(output).toMatch(/all resolve/);
  });
});
