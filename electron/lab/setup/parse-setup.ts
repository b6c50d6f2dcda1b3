import { parseFile, parseJsonText, type FileError, type FileResult } from '../parse-file';
import { labSetupSchema, type LabSetup } from './setup-schema';

/** Why a setup was refused: `field` is the dotted path (`backends.1.weight`), or `setup` for the file as a whole. */
export type SetupError = FileError;
export type SetupResult = FileResult<LabSetup>;

/** Validate a parsed setup; a bad one is refused with its first wrong field named, nothing else happens. */
export function parseSetup(input: unknown): SetupResult {
  return parseFile(labSetupSchema, input, 'setup');
}

/** `parseSetup` over the text of a setup file; broken JSON is refused as the field `setup`. */
export function parseSetupJson(text: string): SetupResult {
  return parseJsonText(text, 'setup', parseSetup);
}
