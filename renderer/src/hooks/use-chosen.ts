import { useEffect, useState } from 'react';

/** A control's value: what the person just chose, until the lab reports a new value (or refuses). */
export interface Chosen<T> {
  shown: T;
  choose(value: T): void;
  /** Back to the lab's value (the change was refused). */
  forget(): void;
}

/**
 * Shows a choice at once; the lab's next snapshot confirms it. `current` is
 * the lab's value (a primitive): when it changes, the choice is dropped.
 */
export function useChosen<T extends string | number | boolean>(current: T): Chosen<T> {
  const [chosen, setChosen] = useState<{ value: T } | null>(null);
  useEffect(() => setChosen(null), [current]);
  return {
    shown: chosen ? chosen.value : current,
    choose: (value) => setChosen({ value }),
    forget: () => setChosen(null),
  };
}
