/**
 * Whether two values decoded from the lab's JSON (a snapshot's progress,
 * fault or health objects) hold the same data: primitives by value, arrays
 * and plain objects field by field. Snapshots arrive as new objects ten
 * times a second, so identity says nothing; memoised parts compare with this.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(y, key) && sameData(x[key], y[key]));
}
