/** What the guard ends: a Supervisor, or anything that owns one (the Lab). */
export interface ExitGuardTarget {
  /** Stops everything gracefully. */
  shutdown(): Promise<void>;
  /** Kills everything at once, synchronously. */
  killAllSync(): void;
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type GuardedSignal = keyof typeof EXIT_CODES;
const SIGNALS = Object.keys(EXIT_CODES) as GuardedSignal[];

const targets = new Set<ExitGuardTarget>();
let shuttingDown = false;

function onExit(): void {
  for (const target of targets) {
    try {
      target.killAllSync();
    } catch {
      // Nothing can be reported from an 'exit' handler; kill the rest.
    }
  }
}

function onSignal(signal: GuardedSignal): void {
  const code = EXIT_CODES[signal];
  if (shuttingDown) {
    // A second Ctrl-C: stop waiting ('exit' kills what is left).
    process.exit(code);
  }
  shuttingDown = true;
  void Promise.allSettled([...targets].map((target) => target.shutdown())).then(() => process.exit(code));
}

/**
 * Ends every backend whatever way this process ends: on 'exit', SIGKILL to
 * every group synchronously; on SIGINT, SIGTERM or SIGHUP, a graceful
 * shutdown, then exit 130, 143 or 129 (a second signal exits at once).
 * The process handlers are installed once however many targets are guarded.
 * A SIGKILL of this process runs no handler: the backends then die by the
 * terminal hangup, and the watchdog (see watchdog.ts) ends any that ignore it.
 * Returns the function that removes this target (and the handlers, after the last).
 */
export function installExitGuard(target: ExitGuardTarget): () => void {
  if (targets.size === 0) {
    process.on('exit', onExit);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  targets.add(target);
  return () => {
    if (!targets.delete(target) || targets.size > 0) return;
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
