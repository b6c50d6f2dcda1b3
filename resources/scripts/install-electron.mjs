// @ts-check
/**
 * postinstall: fetch the Electron binary, which electron@42+ no longer does
 * on its own and `npm start` needs. Machines that cannot reach Electron's
 * downloads (CI here) set ELECTRON_SKIP_BINARY_DOWNLOAD=1, and a failed
 * download only warns: the headless lab and the tests do not need it.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('lb-lab: ELECTRON_SKIP_BINARY_DOWNLOAD is set; not fetching the Electron binary (npm start needs it).');
  process.exit(0);
}
let installer;
try {
  installer = createRequire(import.meta.url).resolve('electron/install.js');
} catch {
  // `npm ci --omit=dev` has no electron at all: nothing to fetch.
  process.exit(0);
}
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
if (result.status !== 0) {
  console.warn('lb-lab: could not download the Electron binary; `npm start` needs it (retry with `npx install-electron`).');
  console.warn('lb-lab: everything else works without it: `npm test`, `npm run lab`.');
}
