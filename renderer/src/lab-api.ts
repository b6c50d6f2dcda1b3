import type { LabApi } from '../../electron/shared/types';
import { createWebLabApi } from './web-lab-api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    lab?: LabApi;
  }
}

/** Inside Electron the preload's IPC bridge; in a browser, the host's HTTP/WebSocket API. */
export function resolveLabApi(): LabApi {
  return window.lab ?? createWebLabApi(window.location.origin);
}
