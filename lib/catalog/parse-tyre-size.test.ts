import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '@/tests/support/hostile-input';
import { findTyreSize, formatTyreSize, parseTyreSize } from './parse-tyre-size';

describe('parseTyreSize', () => {
  it.each(['205/55 R16', '205/55R16', '205 55 16', '205-55-r16', '2055516', ' 205/55 zr16 '])('reads %s', (text) => {
    expect(parseTyreSize(text)).toEqual({ width: 205, aspectRatio: 55, rimDiameter: 16 });
  });

  it.each(['michelin', '205', '999/55 R16', '205/55 R99', '', '205/5 R16'])('rejects %s', (text) => {
    expect(parseTyreSize(text)).toBeNull();
  });

  it.each([
    ['michelin 205/55 R16', 'michelin'],
    ['205/55R16 pilot sport', 'pilot sport'],
    ['pilot  225 45 17   94W', 'pilot 94W'],
    ['999 205/55 R16', '999'],
  ])('finds the size in %j and keeps the rest of the text', (text, rest) => {
    const found = findTyreSize(text);
    expect(found?.rest).toBe(rest);
    expect(found && formatTyreSize(found.size)).toBe(text.includes('225') ? '225/45 R17' : '205/55 R16');
  });

  it.each(['CON-2055516-PC7', 'michelin', '20555161', '205/55 R16x', '999/55 R16 pilot'])('finds no size in %j', (text) => {
    expect(findTyreSize(text)).toBeNull();
  });

  it('formats the canonical way', () => {
    expect(formatTyreSize({ width: 225, aspectRatio: 45, rimDiameter: 17 })).toBe('225/45 R17');
  });
});

describe('parseTyreSize: properties', () => {
  const size = fc.record({
    width: fc.integer({ min: 105, max: 395 }),
    aspectRatio: fc.integer({ min: 20, max: 95 }),
    rimDiameter: fc.integer({ min: 10, max: 26 }),
  });

  it('never throws; an accepted size is within the plausible ranges', () => {
    const sizeish = fc.oneof(hostileString, fc.stringMatching(/^ ?\d{0,4} ?[/\- ]? ?\d{0,3} ?[/\- ]? ?([zZ]?[rR])? ?\d{0,3} ?$/));
    fc.assert(
      fc.property(sizeish, (text) => {
        const parsed = parseTyreSize(text);
        if (parsed === null) return;
        expect(Number.isInteger(parsed.width) && parsed.width >= 105 && parsed.width <= 395).toBe(true);
        expect(Number.isInteger(parsed.aspectRatio) && parsed.aspectRatio >= 20 && parsed.aspectRatio <= 95).toBe(true);
        expect(Number.isInteger(parsed.rimDiameter) && parsed.rimDiameter >= 10 && parsed.rimDiameter <= 26).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every size it formats, in the ways buyers type it', () => {
    fc.assert(
      fc.property(size, fc.constantFrom('/', '-', ' ', ''), fc.constantFrom(' R', 'R', 'r', ' ZR', ' zr', ' ', '-', ''), (s, first, second) => {
        expect(parseTyreSize(formatTyreSize(s))).toEqual(s);
        expect(parseTyreSize(` ${s.width}${first}${s.aspectRatio}${second}${s.rimDiameter} `)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('answers quickly for long runs of spaces (the search box is capped at 100 characters, the function is not)', () => {
    const started = performance.now();
    expect(parseTyreSize(`205${' '.repeat(5_000)}x`)).toBeNull();
    expect(findTyreSize(`${'205 55 '.repeat(5_000)}x`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
