#!/usr/bin/env node
/**
 * Checks that every relative link in README.md and docs/**\/*.md points at a file or folder that exists
 * (and, for a `#fragment` into a Markdown file, at one of its headings). Links inside code are ignored.
 * Usage: node scripts/check-doc-links.mjs  (exits 1 and names each broken link).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function withoutCode(text) {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

function anchors(file) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1])));
}

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
const broken = [];
let checked = 0;
for (const file of files) {
  const text = withoutCode(readFileSync(file, 'utf8'));
  for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    checked++;
    const [pathPart, fragment] = target.split('#');
    const path = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
    const where = `${relative(root, file)}: ${target}`;
    if (!path.startsWith(`${root}/`) && path !== root) broken.push(`${where} (outside the repository)`);
    else if (!existsSync(path)) broken.push(`${where} (no such file)`);
    else if (fragment && statSync(path).isFile() && path.endsWith('.md') && !anchors(path).has(fragment)) {
      broken.push(`${where} (no such heading)`);
    }
  }
}
if (broken.length > 0) {
  console.error(`Broken links (${broken.length}):\n${broken.join('\n')}`);
  process.exit(1);
}
console.log(`docs links: ${checked} relative links in ${files.length} files, all resolve`);
