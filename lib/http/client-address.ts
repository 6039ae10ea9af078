import { BlockList, isIP } from 'node:net';
import { stampedPeerAddress } from './peer-address';

/**
 * The client a per-client limit counts against, as the platform sees it. Without a proxy in front, the
 * socket's address; X-Forwarded-For is whatever the client chose and counts for nothing. With
 * TRUST_PROXY_HEADERS=1 a proxy appends the address it saw to X-Forwarded-For, so the right-most hop that
 * is not one of the deployment's own proxies (loopback and private networks) is the client; hops to its
 * left are the client's own say. An IPv6 client counts by its /64, the block one subscriber gets.
 */

export interface ClientAddressOptions {
  trustProxyHeaders: boolean;
}

const proxies = new BlockList();
for (const [net, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
] as const) {
  proxies.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  proxies.addSubnet(net, prefix, 'ipv6');

/** An address as written by a socket or a proxy: `::ffff:1.2.3.4`, `[2001:db8::1]:443`, `1.2.3.4:5678`. */
function parseAddress(raw: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1]!;
  const family = isIP(value);
  return family === 4 ? { address: value, family: 'ipv4' } : family === 6 ? { address: value, family: 'ipv6' } : null;
}

/** The first four groups of an IPv6 address, written out in full. */
function ipv6Block(address: string): string {
  const [head, tail = ''] = address.split('::') as [string, string?];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/64`;
}

function key(parsed: { address: string; family: 'ipv4' | 'ipv6' }): string {
  return parsed.family === 'ipv4' ? parsed.address : ipv6Block(parsed.address);
}

function rightMostUntrustedHop(forwardedFor: string): string | null {
  const hops = forwardedFor.split(',').map(parseAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!hop) return null; // not an address: no proxy of ours wrote it
    if (!proxies.check(hop.address, hop.family)) return key(hop);
  }
  // Every hop is on a private network: the client is too, and the nearest proxy wrote the last hop.
  const last = hops[hops.length - 1];
  return last ? key(last) : null;
}

/** The client's address (or IPv6 /64); null when the request names none this server can vouch for. */
export function clientAddress(headers: { get(name: string): string | null }, options: ClientAddressOptions): string | null {
  const forwarded = headers.get('x-forwarded-for');
  if (options.trustProxyHeaders && forwarded?.trim()) return rightMostUntrustedHop(forwarded);
  const peer = stampedPeerAddress(headers);
  const parsed = peer ? parseAddress(peer) : null;
  return parsed ? key(parsed) : null;
}

export function trustProxyHeaders(): boolean {
  return process.env.TRUST_PROXY_HEADERS === '1';
}
