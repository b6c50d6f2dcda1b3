import type { LoadInput } from '../../../electron/shared/load';

type LoadPaths = NonNullable<LoadInput['paths']>;

/**
 * The Hammer panel's paths box as the input's `paths`: entries separated by
 * commas or new lines, each `path` or `path weight` ("/a 3, /b"). Checking
 * is left to the shared schema: a weight that is not a number stays NaN so
 * the schema names it.
 */
export function parsePaths(text: string): LoadPaths | undefined {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return undefined;
  return entries.map((entry) => {
    const [path = '', weight, ...rest] = entry.split(/\s+/);
    if (weight === undefined) return path;
    return { path, weight: rest.length > 0 ? Number.NaN : Number(weight) };
  });
}
