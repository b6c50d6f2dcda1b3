import { fork } from 'node:child_process';
import type { FromWorker, ToWorker } from './messages';

/**
 * The little the controller needs of the hammer's process. `forkWorker` is
 * child_process.fork; Electron's utilityProcess.fork fits the same shape
 * (postMessage/on('message')/on('exit')/kill) behind a few lines.
 */
export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once when the process has ended, whatever the reason. */
  onExit(listener: () => void): void;
  /** End it at once (SIGKILL). */
  kill(): void;
}

/** Starts the worker script at `path`. */
export type SpawnWorker = (path: string) => WorkerProcess;

/** The default: a Node child process with an IPC channel, its output on the parent's stderr. */
export const forkWorker: SpawnWorker = (path) => {
  // No inherited execArgv: a parent started with --inspect would hand the child its inspector port.
  const child = fork(path, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromWorker)),
    onExit: (listener) => {
      // 'error' covers a process that never started; 'exit' the rest. Either way it is gone.
      let done = false;
      const once = (): void => {
        if (!done) listener();
        done = true;
      };
      child.once('exit', once);
      child.once('error', once);
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
};
