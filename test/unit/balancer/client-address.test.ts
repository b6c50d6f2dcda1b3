import { describe, expect, it } from 'vitest';
import { clientAddressBytes } from '../../../electron/lab/balancer/client-address';

describe('clientAddressBytes', () => {
  it('takes only the first three octets of an IPv4 address', () => {
    expect(clientAddressBytes('192.168.7.42')).toEqual([192, 168, 7]);
  });

  it('takes all 16 bytes of an IPv6 address, expanding ::', () => {
    expect(clientAddressBytes('2001:db8::ff00:42:8329')).toEqual([
      0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29,
    ]);
    expect(clientAddressBytes('::1')).toEqual([...new Array<number>(15).fill(0), 1]);
  });

  it('reads a dotted IPv4 tail inside an IPv6 address and ignores a zone id', () => {
    expect(clientAddressBytes('64:ff9b::192.0.2.33')).toEqual([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 33]);
    expect(clientAddressBytes('fe80::1%eth0')).toEqual(clientAddressBytes('fe80::1'));
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 client it is', () => {
    expect(clientAddressBytes('::ffff:127.0.0.1')).toEqual([127, 0, 0]);
  });

  it('hashes three zero bytes, as nginx does for a unix-socket client, when there is no IP address', () => {
    expect(clientAddressBytes(undefined)).toEqual([0, 0, 0]);
    expect(clientAddressBytes('not-an-address')).toEqual([0, 0, 0]);
  });
});
