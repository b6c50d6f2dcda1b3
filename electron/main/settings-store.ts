import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { app } from 'electron';
import { parseInput } from '../shared/schemas';
import { DEFAULT_SETTINGS, labSettingsSchema, type LabSettings } from '../shared/settings';

export const SETTINGS_FILE_NAME = 'lab-settings.json';

/** `<userData>/lab-settings.json`: where the last session's settings live. */
export function settingsFile(): string {
  return join(app.getPath('userData'), SETTINGS_FILE_NAME);
}

/**
 * The last session's settings, or DEFAULT_SETTINGS on a first launch. The
 * file is outside input: one that cannot be read, is not JSON, or fails
 * labSettingsSchema is ignored with a warning naming the field, never a crash.
 */
export function loadSettings(file: string): LabSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`could not read ${file} (${message(error)})`);
    return defaults();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    warn(`${file} is not valid JSON (${message(error)})`);
    return defaults();
  }
  const parsed = parseInput(labSettingsSchema, json, 'settings');
  if (!parsed.ok) {
    warn(`${file} has an invalid field "${parsed.field}" (${parsed.error})`);
    return defaults();
  }
  return parsed.value;
}

/**
 * Write `settings` for the next launch (to a temporary file, then renamed,
 * so a crash mid-write never leaves half a file). Settings the schema would
 * refuse on the next launch are not written, and the old file is kept.
 */
export async function saveSettings(file: string, settings: LabSettings): Promise<void> {
  const parsed = parseInput(labSettingsSchema, settings, 'settings');
  if (!parsed.ok) {
    console.warn(`lab settings not saved: field "${parsed.field}" is invalid (${parsed.error})`);
    return;
  }
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(parsed.value, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
}

function defaults(): LabSettings {
  return structuredClone(DEFAULT_SETTINGS);
}

function warn(problem: string): void {
  console.warn(`lab settings: ${problem}; starting with the defaults instead`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
