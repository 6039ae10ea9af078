/**
 * A stand-in for Inngest's event API, for relay processes sent to it with `INNGEST_DEV=1` and
 * `INNGEST_BASE_URL=<its url>`: the SDK then POSTs each batch as a JSON array to `/e/<event key>`
 * (inngest/components/Inngest.js, `send`) and expects `{ ids, status: 200 }`. It keeps every event it
 * accepted as Inngest does, once per event id, and counts the raw deliveries, so a test sees both what
 * the engine would run and how often the relay sent something again.
 */
import { createServer, type Server } from 'node:http';

interface ReceivedEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
}

export interface EventReceiver {
  url: string;
  /** Every accepted event id, first delivery kept (Inngest's deduplication by id). */
  readonly events: Map<string, ReceivedEvent>;
  /** Events received in all, re-sends included. */
  readonly raw: number;
  close(): Promise<void>;
}

/**
 * Listens on the first free port from `firstPort` on (up to 100 tried: the range lies among the
 * ephemeral ports, so an outgoing connection of any process may hold one for a while).
 */
export async function startEventReceiver(firstPort: number, delayMs = 0): Promise<EventReceiver> {
  const events = new Map<string, ReceivedEvent>();
  let raw = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/e/')) {
        res.writeHead(404).end();
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedEvent[];
      raw += batch.length;
      for (const event of batch) if (!events.has(event.id)) events.set(event.id, event);
      // Answered a little later, as a remote engine would: a relay killed meanwhile has sent but not marked.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ids: batch.map((e) => e.id), status: 200 }));
      }, delayMs);
    });
  });
  let port = firstPort;
  for (; ; port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port >= firstPort + 99) throw error;
    }
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    events,
    get raw() {
      return raw;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
