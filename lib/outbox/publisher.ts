import type { Inngest } from 'inngest';
import { describePublishError, inngestSecretsFromEnv } from './publish-error';

/**
 * One outbox row as an event. `id` is the row's stable `eventId`: however often the relay sends the row
 * (a retry, or a crash after sending but before marking it published), the receiver sees the same event
 * id and deduplicates it. `data.tenantId` is always present (null for an event that has no tenant).
 */
export interface OutboxEvent {
  id: string;
  name: string;
  data: Record<string, unknown> & { tenantId: string | null };
  /** When the outbox row was written (ms), so a re-sent event is identical to the first send. */
  ts?: number;
}

export interface EventPublisher {
  /** Resolves only once the receiver has accepted every event; rejects otherwise (the batch may be partly accepted). */
  publish(events: OutboxEvent[]): Promise<void>;
}

type InngestSender = Pick<Inngest.Any, 'send' | 'eventKey' | 'signingKey' | 'signingKeyFallback'>;

/**
 * Sends a batch in one request; Inngest deduplicates on the event `id` within its deduplication window.
 * A failure is rethrown with the client's keys removed (they may be options rather than environment
 * variables), since the relay stores and logs the message.
 */
export function inngestPublisher(client: InngestSender): EventPublisher {
  return {
    async publish(events) {
      if (events.length === 0) return;
      try {
        await client.send(events.map((event) => ({ id: event.id, name: event.name, data: event.data, ts: event.ts })));
      } catch (error) {
        const secrets = [client.eventKey, client.signingKey, client.signingKeyFallback, ...inngestSecretsFromEnv()];
        throw new Error(describePublishError(error, secrets));
      }
    },
  };
}

export interface RecordingPublisherOptions {
  /** A call holding an event this returns a message for rejects as a whole, recording nothing. */
  rejectWhen?: (event: OutboxEvent) => string | undefined;
  /** The receiver accepted the events but the answer was lost: recorded, then rejected. */
  loseAcknowledgement?: boolean;
  /** Time each call takes, to let concurrent relays overlap. */
  delayMs?: number;
}

export interface RecordingPublisher extends EventPublisher {
  /** Every event the receiver accepted, in order. */
  readonly events: OutboxEvent[];
  /** How many times `publish` was called. */
  readonly calls: number;
}

/** An in-memory receiver for tests and tools. */
export function recordingPublisher(options: RecordingPublisherOptions = {}): RecordingPublisher {
  const events: OutboxEvent[] = [];
  let calls = 0;
  return {
    events,
    get calls() {
      return calls;
    },
    async publish(batch) {
      calls += 1;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      for (const event of batch) {
        const reason = options.rejectWhen?.(event);
        if (reason !== undefined) throw new Error(reason);
      }
      events.push(...batch.map((event) => structuredClone(event)));
      if (options.loseAcknowledgement) throw new Error('connection reset before the receiver answered');
    },
  };
}
