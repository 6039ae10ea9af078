import { log } from '@/lib/log';
import { relayOutbox, type RelayOptions, type RelayResult } from './relay';

export interface RelayLoopOptions extends Omit<RelayOptions, 'now'> {
  /** Pause between runs that found nothing to publish (default 1 s). */
  intervalMs?: number;
  /** Called after every run, for tests and metrics. */
  onRun?: (result: RelayResult | { error: unknown }) => void;
}

export interface RelayLoop {
  /** Stops scheduling runs and resolves once the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Relays the outbox over and over in a long-running process. A run that published something is followed
 * at once by the next (a backlog drains at full speed); otherwise the loop waits `intervalMs`. A failed run
 * is logged and retried after the interval: the loop never dies on a database or engine outage.
 */
export function startOutboxRelayLoop(options: RelayLoopOptions): RelayLoop {
  const intervalMs = options.intervalMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
      });
    }, delayMs);
  };

  const runOnce = async () => {
    try {
      const result = await relayOutbox({ publisher: options.publisher, batchSize: options.batchSize, publishTimeoutMs: options.publishTimeoutMs });
      options.onRun?.(result);
      schedule(result.published > 0 ? 0 : intervalMs);
    } catch (error) {
      log.error({ err: error }, 'outbox relay run failed');
      options.onRun?.({ error });
      schedule(intervalMs);
    }
  };

  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
