import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The watchdog: a tiny /bin/sh loop, in a session of its own, that reads
 * "+pgid" / "-pgid" lines from a pipe whose other end only this process
 * holds. When the pipe reaches end of file (this process has exited or been
 * SIGKILLed), it sends SIGTERM to every process group still listed, and
 * SIGKILL to those still there 2 s later.
 *
 * Why: when the host dies, the kernel hangs up each backend's terminal, which
 * SIGHUPs the session leader and, once it has gone, the rest of its group.
 * That is enough for most backends, but not for one that ignores SIGHUP
 * (`nohup`, `trap '' HUP`) or reloads on it (gunicorn, uWSGI, nginx): those
 * would outlive the lab and keep its ports. Nothing else runs when a process
 * is SIGKILLed, so the clean-up has to live in another process.
 */
const SCRIPT = `
g=' '
while IFS= read -r line; do
  case $line in
    +*) g="$g\${line#+} " ;;
    -*) n=' '; for p in $g; do [ "$p" = "\${line#-}" ] || n="$n$p "; done; g=$n ;;
  esac
done
[ -z "\${g# }" ] && exit 0
for p in $g; do kill -s TERM -- "-$p" 2>/dev/null; done
i=0
while [ $i -lt 20 ]; do
  alive=
  for p in $g; do kill -s 0 -- "-$p" 2>/dev/null && alive=1; done
  [ -z "$alive" ] && exit 0
  sleep 0.1
  i=$((i + 1))
done
for p in $g; do kill -s KILL -- "-$p" 2>/dev/null; done
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
