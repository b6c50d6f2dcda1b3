import type { LabApi } from './types';

/** The request/response half of LabApi: everything but the subscriptions. */
export type LabCommandName = Exclude<keyof LabApi, 'onSnapshot' | 'onEvent'>;

/**
 * Every command name, once. Also the IPC channel suffix, so main and the
 * preload cannot drift apart; kept free of schemas so the sandboxed
 * preload bundles nothing else.
 */
export const LAB_COMMAND_NAMES = [
  'snapshot',
  'addBackends',
  'backendAction',
  'removeBackend',
  'patchBackend',
  'setBalancer',
  'setHealth',
  'resetStats',
] as const satisfies readonly LabCommandName[];

export const ipcChannel = (name: LabCommandName): string => `lab:${name}`;
export const SNAPSHOT_CHANNEL = 'lab:on-snapshot';
export const EVENT_CHANNEL = 'lab:on-event';
