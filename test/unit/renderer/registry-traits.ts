import type { MethodTraits } from '../../../electron/shared/method-traits';

// The registry is Node code (the hash ring uses node:zlib), which the web
// typecheck must not follow; these tests run in Node, so it is loaded at run
// time, and the components get exactly what `GET /api/methods` answers.
const REGISTRY = '../../../electron/lab/balancer/methods/index';

/** The lab's own method traits, from the balancer's registry. */
export async function registryTraits(): Promise<readonly MethodTraits[]> {
  const registry = (await import(/* @vite-ignore */ REGISTRY)) as { methodTraits: () => MethodTraits[] };
  return registry.methodTraits();
}
