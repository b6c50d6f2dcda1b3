import type { LoadProgress } from '../../../electron/shared/load';

/** How far a run is (0..1) and the seconds it has left, when the lab's progress says enough to tell. */
export function runProgress(progress: LoadProgress): { fraction: number; secondsLeft: number | null } {
  if (progress.state === 'done') return { fraction: 1, secondsLeft: 0 };
  const { elapsedS, plannedS, plannedRequests, sent, rate } = progress;
  if (plannedS !== null && plannedS > 0) return { fraction: clamp(elapsedS / plannedS), secondsLeft: Math.max(0, plannedS - elapsedS) };
  if (plannedRequests !== null && plannedRequests > 0) {
    const left = Math.max(0, plannedRequests - sent);
    return { fraction: clamp(sent / plannedRequests), secondsLeft: rate > 0 ? left / rate : null };
  }
  return { fraction: 0, secondsLeft: null };
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
