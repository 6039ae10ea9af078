import { describe, expect, it } from 'vitest';
import { createLogThrottle } from './log-throttle';

describe('log throttle', () => {
  it('lets one line per key and interval through, and counts the ones held back', () => {
    const throttle = createLogThrottle({ intervalMs: 1_000, maxKeys: 10 });
    expect(throttle.admit('a', 0)).toBe(0);
    expect(throttle.admit('a', 10)).toBeNull();
    expect(throttle.admit('a', 999)).toBeNull();
    expect(throttle.admit('b', 10)).toBe(0);
    expect(throttle.admit('a', 1_000)).toBe(2);
  });

  it('keeps at most maxKeys windows, however many keys a flood invents', () => {
    const throttle = createLogThrottle({ intervalMs: 60_000, maxKeys: 3 });
    for (let i = 0; i < 1_000; i++) throttle.admit(`client-${i}`, 0);
    // Only the newest three are remembered: the first key gets a line again.
    expect(throttle.admit('client-999', 1)).toBeNull();
    expect(throttle.admit('client-0', 1)).toBe(0);
  });
});
