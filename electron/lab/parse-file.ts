import type { z } from 'zod';

/** Why a file was refused: `field` is the dotted path (`backends.1.weight`), or the file's own name (`setup`) when it is wrong as a whole. */
export interface FileError {
  error: string;
  field: string;
}

export type FileResult<T> = { ok: true; value: T } | ({ ok: false } & FileError);

/** Validate a parsed file with `schema`; a bad one is refused with its first wrong field named. `whole` names the file as a whole. */
export function parseFile<T>(schema: z.ZodType<T>, input: unknown, whole: string): FileResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, ...describeIssue(result.error.issues[0]!, whole) };
}

/** `parse` over a file's text; text that is not JSON is refused as the field `whole`. */
export function parseJsonText<T>(text: string, whole: string, parse: (input: unknown) => FileResult<T>): FileResult<T> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${whole}: not JSON (${(error as Error).message})`, field: whole };
  }
  return parse(input);
}

function describeIssue(issue: z.core.$ZodIssue, whole: string): FileError {
  if (issue.code === 'unrecognized_keys') {
    // The unknown key itself is the field, under its parent's path, so `backends.1.wieght` reads as the typo it is.
    const field = [...issue.path, issue.keys[0]!].join('.');
    return { error: `${field}: unknown field${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(', ')})` : ''}`, field };
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : whole;
  return { error: `${field}: ${issue.message}`, field };
}
