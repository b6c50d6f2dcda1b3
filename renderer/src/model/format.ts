/** A 0..1 share as a percentage with at most one decimal: 0.4 -> "40%", 1/3 -> "33.3%"; null -> "—". */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  return `${Math.round(share * 1000) / 10}%`;
}

/** A requests-per-second figure: one decimal below 100, whole numbers above. */
export function formatRate(rps: number): string {
  return rps < 100 ? rps.toFixed(1) : String(Math.round(rps));
}

// One formatter for every call: toLocaleString builds a new one each time, several per snapshot.
const count = new Intl.NumberFormat('en-US');

/** A count with thousands separators, for totals (hit counts stay plain digits); the same text as n.toLocaleString('en-US'). */
export function formatCount(n: number): string {
  return count.format(n);
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Wall-clock time of an event, HH:MM:SS. */
export function formatClock(at: number): string {
  return clock.format(at);
}

/** Milliseconds as seconds in words: 10000 -> "10 s", 1500 -> "1.5 s". */
export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
