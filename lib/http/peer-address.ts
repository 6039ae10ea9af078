import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';

/**
 * The address of the socket a request came in on, as this server sees it. Next.js hands route handlers,
 * server actions and middleware only headers, and fills X-Forwarded-For from the socket only when the
 * client sent none (base-server.ts: `??=`), so a forged header would pass for the client's address.
 * Node announces every request on the `http.server.request.start` channel, with its socket, before any
 * listener sees it: there this header is overwritten with the socket's address, whatever the client sent.
 * The value starts with a secret drawn when the process starts, so a copy sent by a client in the moment
 * before the stamp was installed is never mistaken for one.
 */
export const PEER_ADDRESS_HEADER = 'x-storefleet-peer-address';

const STAMP = Symbol.for('storefleet.peer-address-stamp');
type Global = typeof globalThis & { [STAMP]?: string };

function stampSecret(): string {
  const g = globalThis as Global;
  g[STAMP] ??= randomBytes(16).toString('hex');
  return g[STAMP];
}

/** The header value that says "this request's socket came from `address`". */
export function peerAddressStamp(address: string): string {
  return `${stampSecret()} ${address}`;
}

/** The socket's address, when the header carries this process's stamp; null otherwise. */
export function stampedPeerAddress(headers: { get(name: string): string | null }): string | null {
  const value = headers.get(PEER_ADDRESS_HEADER);
  const prefix = `${stampSecret()} `;
  return value?.startsWith(prefix) ? value.slice(prefix.length) || null : null;
}

let installed = false;

/** Called once at start-up (instrumentation.ts), in the Node.js runtime. */
export function installPeerAddressStamp(): void {
  if (installed) return;
  installed = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: { headers: Record<string, string | string[] | undefined> }; socket: { remoteAddress?: string } };
    if (socket.remoteAddress) request.headers[PEER_ADDRESS_HEADER] = peerAddressStamp(socket.remoteAddress);
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
