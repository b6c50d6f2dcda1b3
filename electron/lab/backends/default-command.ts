import { sampleBackendPath } from './sample-backend-path';
import { shellQuote } from './shell-quote';

/**
 * The command template for the bundled sample backend, for /bin/sh:
 * `exec <node> <script> {port}`. process.execPath may be the Electron binary;
 * the supervisor sets ELECTRON_RUN_AS_NODE=1 so it runs as plain Node.
 *
 * `exec` matters: dash (Debian's /bin/sh) forks even for the last command of
 * `sh -c`, so without it the shell would lead the session, die first on
 * SIGTERM and leave Node to the terminal's SIGHUP; with it, the pid the lab
 * shows and the exit status it records are the backend's own.
 */
export function defaultCommand(): string {
  return `exec ${shellQuote(process.execPath)} ${shellQuote(sampleBackendPath())} {port}`;
}
