import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderStatus } from '@/db/schema';
import { CLOSED_STATUSES, ORDER_STATUS, ORDER_STATUSES, ORDER_TRANSITIONS, SOLD_STATUSES, canTransition, type OrderTransition } from './order-status';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const sources = ['app', 'components', 'inngest', 'lib', 'scripts'].flatMap(sourceFiles).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));

const filesMatching = (pattern: RegExp) => sources.filter((s) => pattern.test(s.text)).map((s) => s.path);

describe('order statuses', () => {
  it('has one entry per value of the database enum, from which the list is taken', () => {
    expect(ORDER_STATUSES).toEqual(orderStatus.enumValues);
    expect(Object.keys(ORDER_STATUS).sort()).toEqual([...orderStatus.enumValues].sort());
    for (const info of Object.values(ORDER_STATUS)) {
      expect(info.label).not.toBe('');
      expect(info.tone).not.toBe('');
    }
  });

  it('counts every status either as a sale or as closed', () => {
    expect([...SOLD_STATUSES, ...CLOSED_STATUSES].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(CLOSED_STATUSES).toEqual(['cancelled', 'refunded']);
  });

  it('has transitions between known statuses that never leave a closed order', () => {
    for (const [name, { from, to }] of Object.entries(ORDER_TRANSITIONS)) {
      expect(ORDER_STATUSES, name).toContain(to);
      expect(from.length, name).toBeGreaterThan(0);
      for (const status of from) {
        expect(ORDER_STATUSES, name).toContain(status);
        expect(ORDER_STATUS[status].closed, `${name} leaves ${status}`).toBe(false);
        expect(status, name).not.toBe(to);
      }
    }
  });

  it('lets the shop refund only from statuses its refund transition may leave', () => {
    for (const status of ORDER_STATUSES.filter((s) => ORDER_STATUS[s].shopMayRefund)) expect(canTransition('refundByShop', status)).toBe(true);
  });

  it('changes a status only through a named transition of the table, and uses every one', () => {
    const used = new Set(sources.flatMap((s) => [...s.text.matchAll(/\btransition\(tx, [^,()]+, '(\w+)'/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual((Object.keys(ORDER_TRANSITIONS) as OrderTransition[]).sort());
    expect(filesMatching(/\.update\(orders\)/)).toEqual(['lib/orders/order-transitions.ts']);
  });

  it('writes every timeline entry through one helper', () => {
    expect(filesMatching(/\.insert\(orderEvents\)/)).toEqual(['lib/orders/order-timeline.ts']);
  });
});
