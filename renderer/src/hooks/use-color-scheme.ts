import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

let query: MediaQueryList | null = null;

/** The one query list for the page: asking matchMedia on every render of every chart cost more than the answer. */
function media(): MediaQueryList | null {
  if (typeof window.matchMedia !== 'function') return null;
  query ??= window.matchMedia(QUERY);
  return query;
}

function subscribe(onChange: () => void): () => void {
  const list = media();
  if (!list) return () => {};
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function current(): 'light' | 'dark' {
  return media()?.matches ? 'dark' : 'light';
}

/** 'light' or 'dark', following the system; charts redraw their canvas colours on a change. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, current, () => 'light');
}
