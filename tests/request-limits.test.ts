import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { API_ROUTE_METHODS } from '@/lib/tenancy/allowed-methods';
import { MAX_API_BODY_BYTES, MAX_PAGE_BODY_BYTES } from '@/lib/tenancy/request-guard';

/** `2mb` as Next.js reads it (the `bytes` package: binary units). */
function parseSize(value: string | number | undefined): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i.exec(value ?? '');
  if (!match) throw new Error(`unreadable size ${String(value)}`);
  return Math.floor(Number(match[1]) * 1024 ** ['b', 'kb', 'mb', 'gb'].indexOf(match[2]!.toLowerCase()));
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return routeFiles(file);
    return name === 'route.ts' ? [file] : [];
  });
}

const nextConfig = ((await import(pathToFileURL(path.resolve('next.config.mjs')).href)) as { default: NextConfig }).default;

describe('request limits', () => {
  const experimental = nextConfig.experimental as { serverActions?: { bodySizeLimit?: string }; proxyClientMaxBodySize?: string };

  it('refuses page bodies at exactly the size Next.js lets a server action be, so it is a 413 and never Next’s 500', () => {
    expect(parseSize(experimental.serverActions?.bodySizeLimit)).toBe(MAX_PAGE_BODY_BYTES);
  });

  it('lets the middleware see enough of a body to tell one over its limit, past any one chunk', () => {
    const copied = parseSize(experimental.proxyClientMaxBodySize);
    expect(copied - Math.max(MAX_PAGE_BODY_BYTES, MAX_API_BODY_BYTES)).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it('names, for every API route, the methods its route file exports', () => {
    const root = path.resolve('app/api');
    const found = new Map<string, Set<string>>();
    for (const file of routeFiles(root)) {
      const segment = path.relative(root, file).split(path.sep)[0]!;
      const source = readFileSync(file, 'utf8');
      // `export (async) function GET`, `export const GET = …` and `export const { GET, POST } = …` alike.
      const exports = source.matchAll(/export\s+(?:(?:async\s+)?function\s+(\w+)|const\s+(\w+)\s*=|const\s+\{([^}]+)\})/g);
      const methods = [...exports].flatMap((m) => ((m[1] ?? m[2]) ? [(m[1] ?? m[2])!] : m[3]!.split(',').map((s) => s.trim())));
      const set = found.get(segment) ?? new Set<string>();
      for (const method of methods.filter((m) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(m))) set.add(method);
      found.set(segment, set);
    }
    expect(new Map([...found].map(([segment, methods]) => [segment, [...methods].sort()]))).toEqual(
      new Map([...API_ROUTE_METHODS].map(([segment, methods]) => [segment, [...methods].sort()])),
    );
  });
});
