import { readFile } from 'node:fs/promises';
import { parseSetup, parseSetupJson, type LabSetup, type SetupResult } from '../lab/setup';
import type { SetupDocument } from '../shared/types';
import { writeFileAtomic } from './write-file-atomic';

/**
 * A setup file read from disk and validated by the setup's one schema
 * (electron/lab/setup/parse-setup.ts). A file that cannot be read is
 * refused as the field `setup`, like a file that is not JSON.
 */
export async function readSetupFile(file: string): Promise<SetupResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, error: `setup: cannot read the file (${reason})`, field: 'setup' };
  }
  return parseSetupJson(text);
}

/**
 * Write a setup as the same JSON `GET /api/setup` answers (indented, for a
 * person to read and diff), atomically. A setup the schema would refuse
 * when it is opened again is not written: the answer names the field, and
 * any file already there is kept.
 */
export async function writeSetupFile(file: string, setup: SetupDocument | LabSetup): Promise<SetupResult> {
  const parsed = parseSetup(setup);
  if (parsed.ok) await writeFileAtomic(file, `${JSON.stringify(setup, null, 2)}\n`);
  return parsed;
}
