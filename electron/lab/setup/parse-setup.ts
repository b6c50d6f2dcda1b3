import type { z } from 'zod';
import { labSetupSchema, type LabSetup } from './setup-schema';

/** Why a setup was refused: `field` is the dotted path (`backends.1.weight`), or `setup` for the file as a whole. */
export interface SetupError {
  error: string;
  field: string;
}

export type SetupResult = { ok: true; value: LabSetup } | ({ ok: false } & SetupError);

/** Validate a parsed setup; a bad one is refused with its first wrong field named, nothing else happens. */
export function parseSetup(input: unknown): SetupResult {
  const result = labSetupSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, ...describeIssue(result.error.issues[0]!) };
}

/** `parseSetup` over the text of a setup file; broken JSON is refused as the field `setup`. */
export function parseSetupJson(text: string): SetupResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `setup: not JSON (${(error as Error).message})`, field: 'setup' };
  }
  return parseSetup(input);
}

/** A file's first problem as `{error, field}`: the dotted path of the field, or `whole` when the file as a whole is wrong. */
export function describeIssue(issue: z.core.$ZodIssue, whole = 'setup'): SetupError {
  if (issue.code === 'unrecognized_keys') {
    // The unknown key itself is the field, under its parent's path, so `backends.1.wieght` reads as the typo it is.
    const field = [...issue.path, issue.keys[0]!].join('.');
    return { error: `${field}: unknown field${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(', ')})` : ''}`, field };
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : whole;
  return { error: `${field}: ${issue.message}`, field };
}
