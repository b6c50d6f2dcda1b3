/** A deep copy of `value` with one field changed: `path` is dotted, array indexes as numbers (`backends.1.weight`). */
export function withField(value: object, path: string, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = replacement;
  return copy;
}
