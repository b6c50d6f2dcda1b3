import type { LabEvent } from '../../../electron/shared/types';

/** What a marker on the charts' time axis stands for. */
export type MarkerKind = 'stopped' | 'crashed' | 'back-up' | 'weight' | 'fault-set' | 'fault-cleared' | 'method' | 'hammer-start' | 'hammer-stop';

/** One event worth a mark on the time axis. */
export interface ChartMarker {
  seq: number;
  /** Milliseconds since the epoch, as the event's and the snapshot's `at`. */
  at: number;
  kind: MarkerKind;
  /** The event's own words, shown on hover. */
  message: string;
}

/**
 * The message prefixes that mark fault and hammer events, as the lab emits
 * them (event kind 'config' or 'info'): "<port> fault set: <what>",
 * "<port> fault cleared", "hammer started…", "hammer stopped…" and
 * "hammer done…".
 */
export const MARKER_PREFIXES = {
  faultSet: /^\d+ fault set: /,
  faultCleared: /^\d+ fault cleared/,
  hammerStart: /^hammer started/,
  hammerStop: /^hammer (stopped|done)/,
  /** setBalancer's line (describeBalancer): any change of the method or how requests are read. */
  method: /^balancing method: /,
  /** patchBackend's line (describePatch): "<port> …weight <n>…", one of its '; '-separated parts. */
  weight: /^\d+ (.*; )?weight \d+(;|$)/,
  /** A restart ("4001 back up (pid …)") or passing health checks again ("…; back in rotation"); a first start is no marker. */
  backUp: /\bback (up|in rotation)\b/,
} as const;

/** The marker an event makes on the charts, or null when it makes none. */
export function markerFor(event: LabEvent): ChartMarker | null {
  const kind = markerKind(event);
  return kind === null ? null : { seq: event.seq, at: event.at, kind, message: event.message };
}

function markerKind({ kind, message }: LabEvent): MarkerKind | null {
  if (kind === 'stopped') return 'stopped';
  if (kind === 'crashed') return 'crashed';
  if (kind === 'up') return MARKER_PREFIXES.backUp.test(message) ? 'back-up' : null;
  if (kind !== 'config' && kind !== 'info') return null;
  if (MARKER_PREFIXES.faultSet.test(message)) return 'fault-set';
  if (MARKER_PREFIXES.faultCleared.test(message)) return 'fault-cleared';
  if (MARKER_PREFIXES.hammerStart.test(message)) return 'hammer-start';
  if (MARKER_PREFIXES.hammerStop.test(message)) return 'hammer-stop';
  if (kind !== 'config') return null;
  if (MARKER_PREFIXES.method.test(message)) return 'method';
  if (MARKER_PREFIXES.weight.test(message)) return 'weight';
  return null;
}

/** A marker's name in plain words, for its glyph's label. */
export const MARKER_NAMES: Record<MarkerKind, string> = {
  stopped: 'stopped',
  crashed: 'crashed',
  'back-up': 'back up',
  weight: 'weight changed',
  'fault-set': 'fault set',
  'fault-cleared': 'fault cleared',
  method: 'method changed',
  'hammer-start': 'hammer started',
  'hammer-stop': 'hammer stopped',
};
