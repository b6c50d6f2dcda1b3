import { useEffect, useState } from 'react';
import type { Result } from '../../../electron/shared/types';

/**
 * A value the snapshot does not carry (a comparison's result, a scenario's
 * steps), read from the lab again whenever `when` changes; an answer that
 * arrives after the next read began, or after unmount, is dropped. The
 * setter lets a command's own reply show at once.
 */
export function useLabRead<T>(read: () => Promise<Result<T>>, when: unknown): [T | null, (value: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    void read().then((reply) => current && reply.ok && setValue(reply.value));
    return () => {
      current = false;
    };
  }, [read, when]);
  return [value, setValue];
}
