import { createElement, memo, type FunctionComponent, type NamedExoticComponent } from 'react';

/** Renders counted per key (a port, a panel's name): what a test asserts on. */
export type RenderCounts = Map<string, number>;

/** What React's memo() returns, with the parts it keeps: the component it wraps and its comparator. */
type Memoised<P> = NamedExoticComponent<P> & { type: FunctionComponent<P>; compare: ((prev: P, next: P) => boolean) | null };

/**
 * A stand-in for a memoised component (for a `vi.mock` of its module) that
 * behaves as it does, with the same comparator, and counts each time its
 * inner component actually renders under `keyOf(props)`. A bail-out on equal
 * props counts nothing, so a test sees exactly what a snapshot re-rendered.
 */
export function countingMemo<P extends object>(component: NamedExoticComponent<P>, counts: RenderCounts, keyOf: (props: P) => string): NamedExoticComponent<P> {
  const { type: inner, compare } = component as Memoised<P>;
  if (typeof inner !== 'function') throw new Error(`countingMemo needs a memo() of a function component, not ${String(component)}`);
  const counted: FunctionComponent<P> = (props) => {
    const key = keyOf(props);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return createElement(inner, props);
  };
  counted.displayName = `Counted(${inner.displayName ?? inner.name})`;
  return memo(counted, compare ?? undefined);
}

/** Renders of `key` since `before` was taken (a copy of the counts). */
export const rendersSince = (counts: RenderCounts, before: RenderCounts, key: string): number => (counts.get(key) ?? 0) - (before.get(key) ?? 0);
