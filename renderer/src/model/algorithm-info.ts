import { createContext, useContext } from 'react';
import type { MethodTraits } from '../../../electron/shared/method-traits';
import type { Algorithm } from '../../../electron/shared/types';

export type { InlineText } from '../../../electron/shared/method-traits';

/**
 * The lab's balancing methods and their traits (what each does, its nginx
 * directive and HAProxy keyword, what it reads), as the lab reports them
 * (`methods` command: `GET /api/methods`, or IPC). The dashboard keeps no
 * copy of its own: provide the list once, above the components that use it.
 * Empty until it has arrived; the components then show less, never a guess.
 */
export const MethodsContext = createContext<readonly MethodTraits[]>([]);

/** The traits of one method, or undefined while the lab's list has not arrived. */
export function useMethodTraits(name: Algorithm): MethodTraits | undefined {
  return useContext(MethodsContext).find((method) => method.name === name);
}
