import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function current(): 'light' | 'dark' {
  return typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

/** 'light' or 'dark', following the system; charts redraw their canvas colours on a change. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, current, () => 'light');
}
