import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { PortHolder } from './types';

/** TCP state LISTEN in /proc/net/tcp{,6}. */
const LISTEN = '0A';

/**
 * Who listens on TCP `port`: its address, and the pid and command line of a
 * process holding the socket. Linux: the socket's inode from
 * /proc/net/tcp{,6}, then the process whose /proc/<pid>/fd links to it;
 * elsewhere `lsof`. pid and command are null when the holder cannot be seen
 * (another user's process). Null if nothing listens on the port.
 */
export async function findPortHolder(port: number): Promise<PortHolder | null> {
  return process.platform === 'linux' ? fromProc(port) : fromLsof(port);
}

/** `python3 -m http.server 8000` (pid 1234) on 127.0.0.1, for a person. */
export function describeHolder(holder: PortHolder): string {
  const address = holder.address.includes(':') ? `[${holder.address}]` : holder.address;
  if (holder.pid === null) return `a process that cannot be seen (another user's?) on ${address}`;
  return `pid ${holder.pid} (${holder.command ?? 'unknown command'}) on ${address}`;
}

async function fromProc(port: number): Promise<PortHolder | null> {
  /** Listening socket inode -> its address. */
  const sockets = new Map<string, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = await readFile(file, 'latin1');
    } catch {
      continue;
    }
    // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const [hexAddress = '', hexPort = ''] = fields[1]!.split(':');
      if (Number.parseInt(hexPort, 16) === port && fields[9] !== '0') sockets.set(fields[9]!, decodeAddress(hexAddress));
    }
  }
  if (sockets.size === 0) return null;
  const targets = new Map([...sockets.keys()].map((inode) => [`socket:[${inode}]`, inode]));
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const fds = await readdir(`/proc/${name}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const inode = targets.get(await readlink(`/proc/${name}/fd/${fd}`).catch(() => ''));
      if (inode === undefined) continue;
      return { address: sockets.get(inode)!, pid: Number(name), command: await commandOf(name) };
    }
  }
  return { address: sockets.values().next().value!, pid: null, command: null };
}

async function commandOf(pid: string): Promise<string | null> {
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter((arg) => arg !== '');
    if (argv.length > 0) return argv.join(' ');
    return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

/**
 * /proc/net/tcp{,6} addresses are the kernel's bytes printed as 32-bit words
 * in host order (little-endian here): "0100007F" is 127.0.0.1.
 */
export function decodeAddress(hex: string): string {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    for (let i = 6; i >= 0; i -= 2) bytes.push(Number.parseInt(hex.slice(word + i, word + i + 2), 16));
  }
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // Compress the longest run of zero groups to '::', as inet_ntop does.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

function fromLsof(port: number): Promise<PortHolder | null> {
  return new Promise((resolve) => {
    execFile('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpcn'], { encoding: 'utf8' }, (_error, stdout) => {
      // -F output: one field per line, tagged p (pid), c (command), n (address:port).
      let pid: number | null = null;
      let command: string | null = null;
      for (const line of String(stdout ?? '').split('\n')) {
        const value = line.slice(1);
        if (line.startsWith('p')) pid = Number(value);
        else if (line.startsWith('c')) command = value;
        else if (line.startsWith('n') && pid !== null) {
          const address = value.slice(0, value.lastIndexOf(':')).replace(/^\[|\]$/g, '');
          resolve({ address: address === '*' ? '0.0.0.0' : address, pid, command });
          return;
        }
      }
      resolve(null);
    });
  });
}
