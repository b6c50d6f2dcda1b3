import { isIPv4, isIPv6 } from 'node:net';
import type { ClientKeySource } from './types';

/**
 * nginx hashes this for a client that has no IP address (a unix socket):
 * `ngx_http_upstream_ip_hash_pseudo_addr`, three zero bytes.
 */
const PSEUDO_ADDRESS: readonly number[] = [0, 0, 0];

/** An IPv4-mapped IPv6 address in any spelling (`::ffff:1.2.3.4`, `::ffff:102:304`, `0:0:0:0:0:ffff:…`), as its 16 bytes. */
function isV4Mapped(bytes: readonly number[]): boolean {
  return bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * The bytes nginx's ip_hash hashes for a client address given as text
 * (ngx_http_upstream_init_ip_hash_peer): the first three octets of an IPv4
 * address (AF_INET: a whole /24 shares a server), all 16 bytes of an IPv6 one
 * (AF_INET6), and three zero bytes for anything else (missing, or not an IP
 * address), as nginx does for a unix-socket client.
 *
 * ip_hash itself never unmaps an IPv4-mapped address: it hashes whatever
 * family the connection's address has. So where the address came from decides:
 * - `socket` (the default): Node reports an IPv4 client of a dual-stack
 *   socket as `::ffff:a.b.c.d`. nginx listens with `ipv6only=on` by default
 *   (ngx_http_core_module.c), so the same client reaches it on its IPv4
 *   listener as AF_INET: hashed as the IPv4 address. A zone id is dropped.
 * - `x-forwarded-for`: nginx's realip parses the entry with ngx_parse_addr,
 *   which makes `::ffff:10.0.0.7` an AF_INET6 address, hashed with all 16
 *   bytes (recorded: test/fixtures/nginx-ip-hash-ipv6.json). Pass the entry
 *   through {@link forwardedClientAddress} first.
 */
export function clientAddressBytes(address: string | undefined, from: ClientKeySource = 'socket'): readonly number[] {
  if (address === undefined) return PSEUDO_ADDRESS;
  const text = from === 'socket' ? address.replace(/%.*$/, '') : address;
  if (isIPv4(text)) return ipv4Bytes(text);
  if (!isIPv6(text)) return PSEUDO_ADDRESS;
  const bytes = ipv6Bytes(text);
  return from === 'socket' && isV4Mapped(bytes) ? bytes.slice(12, 15) : bytes;
}

/**
 * One X-Forwarded-For entry as nginx's realip reads it (ngx_parse_addr_port
 * in ngx_inet.c): an IPv4 or IPv6 address, optionally with a port
 * (`10.0.0.7:5555`, `[2001:db8::1]:8080`) or, as nginx does since 1.27.3,
 * in brackets without one (`[2001:db8::1]`). Returns the address without
 * brackets or port, or null where nginx refuses the entry and keeps the
 * connection's own address: a zone id (`fe80::1%eth0`), a name, garbage.
 */
export function forwardedClientAddress(entry: string | null | undefined): string | null {
  if (entry === null || entry === undefined) return null;
  if (isIPv4(entry) || isIPv6(entry)) return entry.includes('%') ? null : entry;
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(entry);
  const plain = /^([^:[\]]+):(\d+)$/.exec(entry);
  const [, host, port] = bracketed ?? plain ?? [];
  if (host === undefined || host.includes('%')) return null;
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return null;
  // nginx parses what is inside brackets as any address, IPv4 included.
  if (bracketed) return isIPv4(host) || isIPv6(host) ? host : null;
  return isIPv4(host) ? host : null;
}

function ipv4Bytes(text: string): number[] {
  return text.split('.').slice(0, 3).map(Number);
}

/** The 16 bytes of a valid IPv6 address in text form (`::` and a dotted IPv4 tail allowed). */
function ipv6Bytes(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap(groupValues));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const middle = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...middle, ...right].flatMap((group) => [group >> 8, group & 0xff]);
}

/** One 16-bit group, or two for an embedded dotted IPv4 address. */
function groupValues(group: string): number[] {
  if (!group.includes('.')) return [parseInt(group, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}
