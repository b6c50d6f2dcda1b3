import type { z } from 'zod';

/** A refused input: which field, and what is wrong, as a sentence. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

/**
 * Check `input` against one of the shared schemas (electron/shared/schemas):
 * the rule lives only there; this turns its first issue into a sentence a
 * person reads next to the field ("Weight must be at most 256.").
 * `labels` names the fields as the form shows them; `field` names a bare value.
 */
export function validateInput<T>(schema: z.ZodType<T>, input: unknown, labels: Record<string, string>, field = 'value'): Validated<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const path = issue.path.length > 0 ? String(issue.path[0]) : field;
  const phrase = plainPhrase(issue);
  const message = phrase === null ? sentence(issue.message) : `${labels[path] ?? path} ${phrase}.`;
  return { ok: false, problem: { field: path, message } };
}

/** "must be …" for the number rules; null where the schema's own message already reads well. */
function plainPhrase(issue: z.core.$ZodIssue): string | null {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'number' ? `must be at most ${String(issue.maximum)}` : null;
    case 'too_small':
      return issue.origin === 'number' ? `must be at least ${String(issue.minimum)}` : null;
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'number') return 'must be a number';
      return null;
    default:
      return null;
  }
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A number input's text as the schema should see it: empty is "no number" (NaN), not 0. */
export function numberFromInput(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
