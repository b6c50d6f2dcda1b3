import type { z } from 'zod';
import { compareInputSchema, type CompareStatus } from './compare';
import { faultSchema } from './fault';
import { loadInputSchema, type LoadStatus } from './load';
import { proxySettingsPatchSchema } from './proxy-settings';
import { loadScenarioSchema, type ScenarioList, type ScenarioStatus } from './scenario';
import {
  exportKindSchema,
  importNginxSchema,
  addBackendsSchema,
  backendActionSchema,
  patchBackendSchema,
  portParamSchema,
  setBalancerSchema,
  setHealthSchema,
} from './schemas';
import type { MethodTraits } from './method-traits';
import type { LabEvent, Result, SetupDocument, Snapshot } from './types';

/** One positional argument of a command: its name (a route parameter, or `body`) and its schema. */
export interface ArgSpec {
  readonly name: string;
  readonly schema: z.ZodType;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One row of the command table. `result` is a type carrier only: its value is never read. */
export interface CommandSpec {
  readonly method: HttpMethod;
  /** The control API route; `:name` segments are the arguments of that name, `body` is the JSON body. */
  readonly path: string;
  readonly args: readonly ArgSpec[];
  readonly result: unknown;
  /** Over HTTP the string result is the body as text/plain (for scripts), not JSON. */
  readonly reply?: 'text';
}

const arg = <S extends z.ZodType>(name: string, schema: S): { readonly name: string; readonly schema: S } => ({ name, schema });
/** Names a command's result type in the table without a value. */
const returns = <T>(): T => undefined as T;

const port = arg('port', portParamSchema);

/**
 * Every command, declared once: its name, the schema of each argument, its
 * result type and its HTTP route. The Lab implements `LabCommands`, the
 * IPC channels, the preload bridge, the control API's routes, the web
 * client and `LabApi` all derive from this table. Adding a command is one
 * row here and one Lab method.
 */
export const COMMANDS = {
  snapshot: { method: 'GET', path: '/api/snapshot', args: [], result: returns<Snapshot>() },
  methods: { method: 'GET', path: '/api/methods', args: [], result: returns<MethodTraits[]>() },
  recentEvents: { method: 'GET', path: '/api/events/recent', args: [], result: returns<LabEvent[]>() },
  addBackends: { method: 'POST', path: '/api/backends', args: [arg('body', addBackendsSchema)], result: returns<{ ports: number[] }>() },
  backendAction: { method: 'POST', path: '/api/backends/:port/:action', args: [port, arg('action', backendActionSchema)], result: returns<null>() },
  backendOutput: { method: 'GET', path: '/api/backends/:port/output', args: [port], result: returns<string>(), reply: 'text' },
  removeBackend: { method: 'DELETE', path: '/api/backends/:port', args: [port], result: returns<null>() },
  patchBackend: { method: 'PATCH', path: '/api/backends/:port', args: [port, arg('body', patchBackendSchema)], result: returns<null>() },
  setBalancer: { method: 'PUT', path: '/api/balancer', args: [arg('body', setBalancerSchema)], result: returns<null>() },
  setHealth: { method: 'PUT', path: '/api/health', args: [arg('body', setHealthSchema)], result: returns<null>() },
  resetStats: { method: 'POST', path: '/api/stats/reset', args: [], result: returns<null>() },
  setFault: { method: 'PUT', path: '/api/backends/:port/fault', args: [port, arg('body', faultSchema)], result: returns<null>() },
  clearFault: { method: 'DELETE', path: '/api/backends/:port/fault', args: [port], result: returns<null>() },
  setProxy: { method: 'PUT', path: '/api/proxy', args: [arg('body', proxySettingsPatchSchema)], result: returns<null>() },
  startLoad: { method: 'POST', path: '/api/load', args: [arg('body', loadInputSchema)], result: returns<LoadStatus>() },
  stopLoad: { method: 'DELETE', path: '/api/load', args: [], result: returns<LoadStatus>() },
  loadStatus: { method: 'GET', path: '/api/load', args: [], result: returns<LoadStatus>() },
  startCompare: { method: 'POST', path: '/api/compare', args: [arg('body', compareInputSchema)], result: returns<CompareStatus>() },
  stopCompare: { method: 'DELETE', path: '/api/compare', args: [], result: returns<CompareStatus>() },
  compareStatus: { method: 'GET', path: '/api/compare', args: [], result: returns<CompareStatus>() },
  scenarios: { method: 'GET', path: '/api/scenarios', args: [], result: returns<ScenarioList>() },
  loadScenario: { method: 'POST', path: '/api/scenario', args: [arg('body', loadScenarioSchema)], result: returns<ScenarioStatus>() },
  scenarioStatus: { method: 'GET', path: '/api/scenario', args: [], result: returns<ScenarioStatus>() },
  scenarioDo: { method: 'POST', path: '/api/scenario/do', args: [], result: returns<ScenarioStatus>() },
  scenarioNext: { method: 'POST', path: '/api/scenario/next', args: [], result: returns<ScenarioStatus>() },
  closeScenario: { method: 'DELETE', path: '/api/scenario', args: [], result: returns<ScenarioStatus>() },
  setup: { method: 'GET', path: '/api/setup', args: [], result: returns<SetupDocument>() },
  exportSetup: { method: 'GET', path: '/api/export/:kind', args: [arg('kind', exportKindSchema)], result: returns<string>(), reply: 'text' },
  importNginx: {
    method: 'POST',
    path: '/api/import/nginx',
    args: [arg('body', importNginxSchema)],
    result: returns<{ ports: number[]; mapping: { server: string; port: number; line: number }[]; unsupported: string[]; problems: string[] }>(),
  },
} as const satisfies Record<string, CommandSpec>;

type Table = typeof COMMANDS;
export type CommandName = keyof Table;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** What a list of argument specs parses to, position by position. */
type ParsedArgs<A extends readonly ArgSpec[]> = { -readonly [I in keyof A]: A[I] extends { schema: infer S extends z.ZodType } ? z.output<S> : never };
/** The parsed arguments of command K, in order. */
export type CommandArgs<K extends CommandName> = ParsedArgs<Table[K]['args']>;
export type CommandResult<K extends CommandName> = Table[K]['result'];

/** What the Lab implements: one method per row, checked by the compiler (a pure read may answer at once). */
export type LabCommands = { [K in CommandName]: (...args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>> };

/**
 * The streams a UI subscribes to. Each subscription returns its
 * unsubscribe function; a late event subscriber first gets the lab's
 * recent events (from `recentEvents`), a late snapshot subscriber the
 * latest snapshot.
 */
export const STREAMS = {
  onSnapshot: { channel: 'lab:on-snapshot', message: returns<Snapshot>() },
  onEvent: { channel: 'lab:on-event', message: returns<LabEvent>() },
} as const;
export type StreamName = keyof typeof STREAMS;
export type LabStreams = { [K in StreamName]: (listener: (message: (typeof STREAMS)[K]['message']) => void) => () => void };

/** One open terminal of one backend: keystrokes and size go to its pty; `close` ends the stream. */
export interface TerminalConnection {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

export interface LabTerminals {
  /**
   * Stream the terminal of the backend on `port`: its recent output first,
   * then live, until `close()`. `onEnd` hears why it ended when the lab
   * ended it (the backend was removed, or there is none on that port).
   */
  openTerminal(port: number, onData: (data: string) => void, onEnd?: (reason: string) => void): TerminalConnection;
}

/** The IPC channels of a terminal, each carrying the connection's id first. */
export const TERMINAL_CHANNELS = {
  open: 'lab:terminal-open',
  data: 'lab:terminal-data',
  end: 'lab:terminal-end',
  input: 'lab:terminal-input',
  resize: 'lab:terminal-resize',
  close: 'lab:terminal-close',
} as const;

/**
 * Everything a UI may do with a lab: every command (answering a Result,
 * never throwing), every stream and the terminals. Implemented over IPC
 * (preload) and over HTTP/WebSocket (browser); the renderer knows nothing
 * else.
 */
export type LabApi = { [K in CommandName]: (...args: CommandArgs<K>) => Promise<Result<CommandResult<K>>> } & LabStreams & LabTerminals;

export const ipcChannel = (name: CommandName): string => `lab:${name}`;
