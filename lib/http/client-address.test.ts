import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';
import { PEER_ADDRESS_HEADER, peerAddressStamp } from './peer-address';

const direct = { trustProxyHeaders: false };
const proxied = { trustProxyHeaders: true };
const request = (headers: Record<string, string>) => new Headers(headers);

describe('clientAddress', () => {
  it('without a trusted proxy: the socket address, whatever X-Forwarded-For says', () => {
    const peer = { [PEER_ADDRESS_HEADER]: peerAddressStamp('::ffff:198.51.100.7') };
    expect(clientAddress(request(peer), direct)).toBe('198.51.100.7');
    expect(clientAddress(request({ ...peer, 'x-forwarded-for': '203.0.113.1' }), direct)).toBe('198.51.100.7');
  });

  it('a peer header the client wrote itself counts for nothing', () => {
    expect(clientAddress(request({ [PEER_ADDRESS_HEADER]: '203.0.113.9' }), direct)).toBeNull();
    expect(clientAddress(request({ [PEER_ADDRESS_HEADER]: 'guess 203.0.113.9' }), direct)).toBeNull();
  });

  it('behind a trusted proxy: the right-most hop that is not one of our proxies', () => {
    expect(clientAddress(request({ 'x-forwarded-for': '1.1.1.1, 198.51.100.7' }), proxied)).toBe('198.51.100.7');
    expect(clientAddress(request({ 'x-forwarded-for': 'forged, 198.51.100.7, 10.0.0.3' }), proxied)).toBe('198.51.100.7');
    expect(clientAddress(request({ 'x-forwarded-for': '192.168.1.20, 10.0.0.3' }), proxied)).toBe('10.0.0.3');
    expect(clientAddress(request({ 'x-forwarded-for': '198.51.100.7:5123' }), proxied)).toBe('198.51.100.7');
  });

  it('counts an IPv6 client by its /64', () => {
    const a = clientAddress(request({ 'x-forwarded-for': '2001:db8:1:2::1' }), proxied);
    expect(a).toBe('2001:0db8:0001:0002::/64');
    expect(clientAddress(request({ 'x-forwarded-for': '[2001:db8:1:2:ffff::9]:443' }), proxied)).toBe(a);
    expect(clientAddress(request({ [PEER_ADDRESS_HEADER]: peerAddressStamp('2001:db8:1:3::1') }), direct)).not.toBe(a);
  });
});
