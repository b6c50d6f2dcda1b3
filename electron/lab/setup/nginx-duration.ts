const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * An nginx time (`10s`, `1500ms`, `1m30s`, a bare number is seconds) in ms;
 * null when it is not one. Weeks, months and years are left out: no
 * upstream timeout in a lab runs that long.
 */
export function parseNginxDuration(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = /^(?:\d+(?:ms|s|m|h|d))+$/.test(text) ? text.match(/\d+(?:ms|s|m|h|d)/g) : null;
  if (!parts) return null;
  return parts.reduce((sum, part) => {
    const [, value, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(part)!;
    return sum + Number(value) * UNIT_MS[unit!]!;
  }, 0);
}
