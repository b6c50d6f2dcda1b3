import { lowestScorePick } from './lowest-score';
import type { Peer } from './types';

/**
 * Weight of the newest sample in the time-to-first-byte moving average:
 * `avg += 0.2 * (sample - avg)`. A new figure counts for a fifth, so one slow
 * response moves the average but does not swing the choice on its own, and
 * a peer that became slow is noticed within a handful of requests.
 */
export const TTFB_ALPHA = 0.2;

/** Fold one time-to-first-byte sample (ms) into the peer's moving average; the first sample is taken as is. */
export function recordTtfb(peer: Peer, ttfbMs: number): void {
  if (!Number.isFinite(ttfbMs) || ttfbMs < 0) return;
  peer.ttfbAvgMs = peer.ttfbAvgMs === null ? ttfbMs : peer.ttfbAvgMs + TTFB_ALPHA * (ttfbMs - peer.ttfbAvgMs);
}

/**
 * The lab's take on nginx Plus `least_time header` (closed source, so the
 * formula is ours), over peers that are all usable, in config order. Score:
 *
 *     (conns + 1) * avgTtfbMs / weight        lowest wins
 *
 * i.e. the expected wait for one more request on that peer, shared out by
 * weight. A peer with no sample yet is scored with the best (lowest) average
 * among the candidates, or 0 when none has one, so new peers get tried
 * instead of starving. Ties (all unmeasured at start, or equal figures) go
 * to smooth weighted round-robin among the tied peers, as least_conn's do.
 *
 * @param weightOf the weight the score divides by (> 0).
 * @returns the winner, or null when there are no candidates.
 */
export function leastTimePick(candidates: readonly Peer[], weightOf: (peer: Peer) => number): Peer | null {
  let bestMeasured: number | null = null;
  for (const peer of candidates) {
    if (peer.ttfbAvgMs !== null && (bestMeasured === null || peer.ttfbAvgMs < bestMeasured)) bestMeasured = peer.ttfbAvgMs;
  }
  const ttfbOf = (peer: Peer): number => peer.ttfbAvgMs ?? bestMeasured ?? 0;
  // Cross-multiplied like least_conn, so no division by weight.
  const compare = (a: Peer, b: Peer): number =>
    (a.conns + 1) * ttfbOf(a) * weightOf(b) - (b.conns + 1) * ttfbOf(b) * weightOf(a);
  return lowestScorePick(candidates, compare, weightOf);
}
