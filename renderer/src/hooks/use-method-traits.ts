import { useEffect, useState } from 'react';
import type { LabApi } from '../../../electron/shared/types';
import type { MethodTraits } from '../../../electron/shared/method-traits';

/** The lab's balancing methods and their traits, asked once; empty until they arrive. */
export function useMethodList(api: LabApi): readonly MethodTraits[] {
  const [methods, setMethods] = useState<readonly MethodTraits[]>([]);
  useEffect(() => {
    let live = true;
    void api.methods().then((result) => {
      if (live && result.ok) setMethods(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return methods;
}
