import { z } from 'zod';

/** A whole number written plainly in decimal: `0`, `8080`; no sign, exponent, hex, leading zero, point or spaces. */
export const DECIMAL_INT = /^(0|[1-9][0-9]*)$/;

/** Whether `text` is a plain decimal whole number (see {@link DECIMAL_INT}). */
export function isDecimalInt(text: string): boolean {
  return DECIMAL_INT.test(text);
}

/**
 * Text that must be a plain decimal whole number within [min, max], parsed
 * to that number: for ports, counts and milliseconds in flags, URL paths and
 * list items. `0x6d60`, `2.8e4`, `028000`, `1e3`, `-1`, ` 80` and `` are
 * refused, where `Number()` would take most of them.
 */
export function decimalInt(min: number, max: number) {
  const range = `a whole number ${min}-${max}`;
  return z
    .string({ error: `must be ${range}` })
    .regex(DECIMAL_INT, { error: (issue) => `must be ${range}, written in plain decimal digits (got ${JSON.stringify(issue.input)})` })
    .transform(Number)
    .pipe(z.number().int().min(min, `must be ${range}`).max(max, `must be ${range}`));
}

/**
 * A comma-separated list of {@link decimalInt} items (`3,5,2`; spaces around
 * an item are allowed). An empty item (`1,,2`, a trailing comma) is refused,
 * naming its position, rather than read as 0.
 */
export function decimalIntList(min: number, max: number) {
  const item = decimalInt(min, max);
  return z.string().transform((text, ctx): number[] => {
    const items = text.split(',').map((part) => part.trim());
    const values: number[] = [];
    for (const [i, part] of items.entries()) {
      if (part === '') {
        ctx.addIssue({ code: 'custom', message: text.trim() === '' ? 'must not be empty' : `item ${i + 1} is empty` });
        return z.NEVER;
      }
      const result = item.safeParse(part);
      if (!result.success) {
        ctx.addIssue({ code: 'custom', message: `item ${i + 1} ${result.error.issues[0]?.message ?? 'is not valid'}` });
        return z.NEVER;
      }
      values.push(result.data);
    }
    return values;
  });
}
