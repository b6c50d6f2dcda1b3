import { isIPv4, isIPv6 } from 'node:net';

/**
 * nginx hashes this for a client that has no IP address (a unix socket):
 * `ngx_http_upstream_ip_hash_pseudo_addr`, three zero bytes.
 */
const PSEUDO_ADDRESS: readonly number[] = [0, 0, 0];

/**
 * The bytes nginx's ip_hash hashes for a client address given as text: the
 * first three octets of an IPv4 address (so a whole /24 shares a server),
 * all 16 bytes of an IPv6 one, and three zero bytes for anything else
 * (missing, or not an IP address), as nginx does for a unix socket client.
 *
 * An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, which Node reports for
 * IPv4 clients of a dual-stack socket) counts as the IPv4 address: nginx
 * listens with ipv6only=on by default, so it sees those clients as IPv4.
 */
export function clientAddressBytes(address: string | undefined): readonly number[] {
  if (address === undefined) return PSEUDO_ADDRESS;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const text = mapped?.[1] ?? address;
  if (isIPv4(text)) return text.split('.').slice(0, 3).map(Number);

  const unzoned = text.replace(/%.*$/, '');
  return isIPv6(unzoned) ? ipv6Bytes(unzoned) : PSEUDO_ADDRESS;
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
