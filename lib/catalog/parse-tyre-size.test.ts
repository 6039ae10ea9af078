import { describe, expect, it } from 'vitest';
import { formatTyreSize, parseTyreSize } from './parse-tyre-size';

describe('parseTyreSize', () => {
  it.each(['205/55 R16', '205/55R16', '205 55 16', '205-55-r16', '2055516', ' 205/55 zr16 '])('reads %s', (text) => {
    expect(parseTyreSize(text)).toEqual({ width: 205, aspectRatio: 55, rimDiameter: 16 });
  });

  it.each(['michelin', '205', '999/55 R16', '205/55 R99', '', '205/5 R16'])('rejects %s', (text) => {
    expect(parseTyreSize(text)).toBeNull();
  });

  it('formats the canonical way', () => {
    expect(formatTyreSize({ width: 225, aspectRatio: 45, rimDiameter: 17 })).toBe('225/45 R17');
  });
});
