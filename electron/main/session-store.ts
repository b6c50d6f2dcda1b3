import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { parseJsonText } from '../lab/parse-file';
import { parseSetup, parseSetupJson, SETUP_VERSION, type LabSetup, type SetupResult } from '../lab/setup';
import { setupFromLegacySettings } from './legacy-settings';
import { writeSetupFile } from './setup-file';

export const SESSION_FILE_NAME = 'last-session.json';
/** Where versions before the setup format kept a smaller part of the session. */
export const LEGACY_SETTINGS_FILE_NAME = 'lab-settings.json';

/** `<userData>/last-session.json`: the last session, as a setup file. */
export function sessionFile(): string {
  return join(app.getPath('userData'), SESSION_FILE_NAME);
}

/** `<userData>/lab-settings.json`, read only when there is no last-session.json yet. */
export function legacySettingsFile(): string {
  return join(app.getPath('userData'), LEGACY_SETTINGS_FILE_NAME);
}

/** A first launch: 3 sample backends on 4000-4002 at weights 1:1:1, the proxy on 8080. */
export const DEFAULT_SETUP: LabSetup = {
  version: SETUP_VERSION,
  proxy: { port: 8080, algorithm: 'weighted' },
  backends: [4000, 4001, 4002].map((port) => ({ port, weight: 1 })),
};

/**
 * The setup the app starts from: the last session, else (once, on the first
 * launch after an upgrade) the older lab-settings.json, else DEFAULT_SETUP.
 * Both files are outside input, validated by the setup's one schema: one
 * that cannot be read or is refused is ignored with a warning naming the
 * field, never a crash.
 */
export function loadSession(file: string, legacyFile?: string): LabSetup {
  const session = readText(file);
  if (session !== null) return usable(file, parseSetupJson(session));
  const legacy = legacyFile === undefined ? null : readText(legacyFile);
  if (legacyFile !== undefined && legacy !== null) return usable(legacyFile, fromLegacy(legacy));
  return defaults();
}

/**
 * Keep `setup` for the next launch (atomically). One the schema would
 * refuse on the next launch is not written, and the old file is kept.
 */
export async function saveSession(file: string, setup: LabSetup): Promise<void> {
  const written = await writeSetupFile(file, setup);
  if (!written.ok) console.warn(`last session not saved: field "${written.field}" is invalid (${written.error})`);
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`could not read ${file} (${(error as Error).message})`);
    return null;
  }
}

function fromLegacy(text: string): SetupResult {
  return parseJsonText(text, 'setup', (json) => {
    const setup = setupFromLegacySettings(json);
    return setup === null ? { ok: false, error: 'settings: not a lab settings file', field: 'settings' } : parseSetup(setup);
  });
}

function usable(file: string, parsed: SetupResult): LabSetup {
  if (parsed.ok) return parsed.value;
  warn(`${file} has an invalid field "${parsed.field}" (${parsed.error})`);
  return defaults();
}

function defaults(): LabSetup {
  return structuredClone(DEFAULT_SETUP);
}

function warn(problem: string): void {
  console.warn(`last session: ${problem}; starting with the defaults instead`);
}
