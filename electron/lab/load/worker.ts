/**
 * The hammer's own process (built to out/main/load-worker.js): the load is
 * generated here, never on the proxy's thread. It exits when its run ends
 * and as soon as its parent goes away (the IPC channel closes), so a killed
 * lab leaves no generator behind.
 */
import { LoadRun } from './load-run';
import type { FromWorker, ToWorker } from './messages';

if (!process.send) {
  console.error('load-worker runs only as a child process with an IPC channel');
  process.exit(1);
}

process.on('disconnect', () => process.exit(0));

let run: LoadRun | null = null;

function tell(message: FromWorker, then?: () => void): void {
  if (process.connected) process.send!(message, undefined, undefined, then);
  else then?.();
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    run?.stop();
    return;
  }
  if (run) return;
  run = new LoadRun({
    plan: message.plan,
    target: message.target,
    progressIntervalMs: message.progressIntervalMs,
    onProgress: (progress) => tell({ type: 'progress', progress }),
  });
  run.run().then(
    (progress) => tell({ type: 'end', progress }, () => process.exit(0)),
    (error: unknown) => {
      console.error('load-worker:', error);
      process.exit(1);
    },
  );
});
