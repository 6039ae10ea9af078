import type { Server } from 'node:http';

/** What a fake provider does with one request instead of (or on top of) answering it normally. */
export type Fault = { kind: 'fail'; status: number } | { kind: 'hang'; ms: number };

export interface FaultControls {
  /** The next `count` requests are answered with `status` and not performed. */
  failNext(count?: number, status?: number): void;
  /** The next `count` requests are performed but answered only after `ms` (the answer is lost to a caller's deadline). */
  hangNext(count: number, ms: number): void;
  /** Forgets queued faults, for isolation between tests. */
  resetFaults(): void;
}

/**
 * The faults of a fake provider server, queued in order: each request takes the next one, so
 * `hangNext(1, …); failNext(1)` hangs the first and fails the second. Delayed answers are tracked so
 * closing the server never leaves a timer behind.
 */
export function faultQueue(defaultFailStatus: number, initial: Fault[] = []) {
  const faults: Fault[] = [...initial];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const controls: FaultControls = {
    failNext(count = 1, status = defaultFailStatus) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'fail', status });
    },
    hangNext(count, ms) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'hang', ms });
    },
    resetFaults() {
      faults.length = 0;
    },
  };
  return {
    controls,
    next: (): Fault | undefined => faults.shift(),
    /** Runs `answer` now, or after the hang of `fault`. */
    answerAfter(fault: Fault | undefined, answer: () => void): void {
      if (fault?.kind !== 'hang') return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, fault.ms);
      timers.add(timer);
    },
    close: (server: Server) =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
