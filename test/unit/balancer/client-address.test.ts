import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientAddressBytes, forwardedClientAddress } from '../../../electron/lab/balancer/client-address';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { RequestInfo } from '../../../electron/lab/balancer/types';
import { mustPick, server } from './peers';

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

describe('clientAddressBytes from X-Forwarded-For', () => {
  it('hashes an IPv4-mapped address with all 16 bytes, as nginx’s realip makes it an AF_INET6 address', () => {
    expect(clientAddressBytes('::ffff:10.0.0.7', 'x-forwarded-for')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 7]);
    expect(clientAddressBytes('10.0.0.7', 'x-forwarded-for')).toEqual([10, 0, 0]);
  });

  it('treats every spelling of a mapped address from the socket as the IPv4 client', () => {
    for (const spelling of ['::ffff:10.0.0.7', '::ffff:a00:7', '0:0:0:0:0:ffff:10.0.0.7']) expect(clientAddressBytes(spelling)).toEqual([10, 0, 0]);
  });
});

describe('forwardedClientAddress', () => {
  it('takes an address with or without a port, bracketed IPv6 included, as nginx’s ngx_parse_addr_port does', () => {
    expect(forwardedClientAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(forwardedClientAddress('[2001:db8::1]:8080')).toBe('2001:db8::1');
    expect(forwardedClientAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(forwardedClientAddress('10.0.0.7:5555')).toBe('10.0.0.7');
    expect(forwardedClientAddress('[10.0.0.7]:5555')).toBe('10.0.0.7');
    expect(forwardedClientAddress('::ffff:10.0.0.7')).toBe('::ffff:10.0.0.7');
  });

  it('refuses what nginx refuses, so the connection’s own address stays: a zone id, a name, a bad port, garbage', () => {
    for (const entry of ['fe80::1%eth0', '[fe80::1%eth0]', 'not-an-address', 'example.com:80', '2001:db8::1::2', '10.0.0.7:0', '10.0.0.7:70000', '', null, undefined]) {
      expect(forwardedClientAddress(entry), String(entry)).toBeNull();
    }
  });
});

describe('ip-hash over IPv6 and X-Forwarded-For, against nginx 1.22.1', () => {
  // Recorded by test/fixtures/nginx-ip-hash-ipv6.record.sh from a real nginx
  // with realip trusting 127.0.0.1 (see the method field of the JSON).
  const recorded = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/nginx-ip-hash-ipv6.json'), 'utf8')) as {
    upstream: string;
    ports: number[];
    forwarded: Array<{ header: string; remoteAddr: string; answered: number }>;
    socket: Array<{ address: string; answered: number }>;
  };
  const weights = [...recorded.upstream.matchAll(/weight=(\d+)/g)].map((m) => Number(m[1]));
  const configs = recorded.ports.map((port, i) => server(port, weights[i]));
  const SOCKET = '127.0.0.1';
  // nginx 1.27.3 (b2a67d261 "Realip: allowed square brackets with portless IPv6 address") takes
  // these, as the lab does; 1.22.1 kept the socket address for them.
  const portlessBrackets = (header: string): boolean => /^\[[^\]]*\]$/.test(header) && !header.includes('%');

  function ipHashAnswer(request: RequestInfo): number {
    return mustPick(createBalancer('ip-hash', configs), 1_000, null, request).id;
  }

  it('reads every recorded X-Forwarded-For entry as the address nginx’s realip set, or keeps the socket’s where nginx did', () => {
    for (const { header, remoteAddr } of recorded.forwarded.filter((f) => !portlessBrackets(f.header))) {
      const read = forwardedClientAddress(header);
      const nginxKept = remoteAddr === SOCKET;
      expect(read === null, header).toBe(nginxKept);
      if (read !== null) expect(clientAddressBytes(read, 'x-forwarded-for'), header).toEqual(clientAddressBytes(remoteAddr, 'x-forwarded-for'));
    }
  });

  it('picks the backend nginx picked for every recorded forwarded client, IPv6 and mapped ones included', () => {
    for (const { header, answered } of recorded.forwarded) {
      const read = forwardedClientAddress(header);
      const request: RequestInfo = read === null ? { clientKey: SOCKET } : { clientKey: read, clientKeyFrom: 'x-forwarded-for' };
      const expected = portlessBrackets(header) ? recorded.forwarded.find((f) => f.header === header.slice(1, -1))!.answered : answered;
      expect(ipHashAnswer(request), header).toBe(expected);
    }
  });

  it('picks the backend nginx picked for an IPv4 and an IPv6 socket client', () => {
    for (const { address, answered } of recorded.socket) expect(ipHashAnswer({ clientKey: address }), address).toBe(answered);
  });
});
