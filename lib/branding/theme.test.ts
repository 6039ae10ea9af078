import { describe, expect, it } from 'vitest';
import { readableTextOn, safeColor, tenantThemeVariables } from './theme';

describe('branding', () => {
  it('keeps valid hex colours and replaces anything else', () => {
    expect(safeColor('#B91C1C', '#000000')).toBe('#b91c1c');
    expect(safeColor('red;background:url(x)', '#000000')).toBe('#000000');
    expect(safeColor(null, '#123456')).toBe('#123456');
  });

  it('puts white text on dark brand colours and dark text on light ones', () => {
    expect(readableTextOn('#0b3d91')).toBe('#ffffff');
    expect(readableTextOn('#fbbf24')).toBe('#111827');
    expect(readableTextOn('#ffffff')).toBe('#111827');
  });

  it('falls back to neutral colours when a tenant has none', () => {
    expect(tenantThemeVariables(null, 'nope')['--color-brand']).toBe('#1f2937');
  });
});
