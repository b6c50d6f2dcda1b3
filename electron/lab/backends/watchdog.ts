import { spawn, type ChildProcess } from 'node:child_process';
import { MARK_VARIABLE } from './marked-processes';

/**
 * The watchdog: a tiny /bin/sh loop, in a session of its own, that reads
 * "+pgid" / "-pgid" and "m+instance" / "m-instance" lines from a pipe whose
 * other end only this process holds. When the pipe reaches end of file (this
 * process has exited or been SIGKILLed), it sends SIGTERM to every process
 * group still listed and to every process marked by a listed supervisor
 * instance (LB_LAB_MARK=<instance>:<port>, see marked-processes.ts), then
 * SIGKILL, again each 0.1 s, to those still there 2 s later.
 *
 * Why: when the host dies, the kernel hangs up each backend's terminal, which
 * SIGHUPs the session leader and, once it has gone, the rest of its group.
 * That is enough for most backends, but not for one that ignores SIGHUP
 * (`nohup`, `trap '' HUP`) or reloads on it (gunicorn, uWSGI, nginx), nor for
 * one that left the terminal's session or group (`setsid -f`, `set -m`, a
 * daemon): those would outlive the lab and keep its ports. Nothing else runs
 * when a process is SIGKILLed, so the clean-up has to live in another process.
 * Marked processes of instances not listed (another lab) are never touched.
 */
const SCRIPT = `
g=' '
m=' '
while IFS= read -r line; do
  case $line in
    m+*) m="$m\${line#m+} " ;;
    m-*) n=' '; for p in $m; do [ "$p" = "\${line#m-}" ] || n="$n$p "; done; m=$n ;;
    +*) g="$g\${line#+} " ;;
    -*) n=' '; for p in $g; do [ "$p" = "\${line#-}" ] || n="$n$p "; done; g=$n ;;
  esac
done
[ -z "\${g# }" ] && [ -z "\${m# }" ] && exit 0
pat=
for i in $m; do pat="$pat\${pat:+|}$i"; done
marked() {
  [ -z "$pat" ] && return 0
  if [ -r /proc/self/environ ]; then
    grep -lzE "^${MARK_VARIABLE}=($pat):" /proc/[0-9]*/environ 2>/dev/null | sed -n 's|^/proc/\\([0-9]*\\)/environ$|\\1|p'
  else
    ps eww -ax -o pid= -o command= 2>/dev/null | grep -E "[[:space:]]${MARK_VARIABLE}=($pat):" | awk '{print $1}'
  fi
}
signal() {
  for p in $g; do kill -s "$1" -- "-$p" 2>/dev/null; done
  for p in $(marked); do kill -s "$1" "$p" 2>/dev/null; done
}
alive() {
  for p in $g; do kill -s 0 -- "-$p" 2>/dev/null && return 0; done
  [ -n "$(marked)" ]
}
signal TERM
i=0
while [ $i -lt 20 ]; do
  alive || exit 0
  sleep 0.1
  i=$((i + 1))
done
i=0
while [ $i -lt 20 ]; do
  signal KILL
  alive || exit 0
  sleep 0.1
  i=$((i + 1))
done
`;

let child: ChildProcess | null = null;
let broken = false;

function pipe(): ChildProcess | null {
  if (child !== null || broken) return child;
  try {
    child = spawn('/bin/sh', ['-c', SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  } catch (err) {
    fail(err);
    return null;
  }
  child.on('error', fail);
  child.on('exit', () => {
    child = null;
  });
  child.stdin?.on('error', () => {
    // The watchdog is gone (EPIPE); the next watch() starts another.
  });
  // Neither the watchdog nor its pipe may keep this process alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return child;
}

function fail(err: unknown): void {
  if (broken) return;
  broken = true;
  child = null;
  console.error('backend watchdog unavailable; backends that ignore SIGHUP may outlive a crash of this process:', err);
}

function send(line: string): void {
  pipe()?.stdin?.write(`${line}\n`);
}

/** Asks the watchdog to end process group `pgid` if this process dies first. */
export function watchGroup(pgid: number): void {
  send(`+${pgid}`);
}

/** The group has ended: forget it (its id may be reused). */
export function unwatchGroup(pgid: number): void {
  if (child !== null) send(`-${pgid}`);
}

/** Asks the watchdog to end every process marked by supervisor `instance` if this process dies first. */
export function watchMarks(instance: string): void {
  send(`m+${instance}`);
}

/** That supervisor has shut down: forget its mark. */
export function unwatchMarks(instance: string): void {
  if (child !== null) send(`m-${instance}`);
}
