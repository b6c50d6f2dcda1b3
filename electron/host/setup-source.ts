import { readFileSync } from 'node:fs';
import { importNginx, parseSetupJson, type LabSetup } from '../lab/setup';

/** A setup read from the file a flag named, with what the lab cannot model listed; or why it cannot be used. */
export type SetupSource = { ok: true; setup: LabSetup; notes: string[] } | { ok: false; error: string };

function read(flag: string, file: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, error: `--${flag} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}` };
  }
}

/** `--setup lab.json`: a lab setup file, validated by its one schema; a bad one names the field and nothing starts. */
export function setupFromFile(file: string): SetupSource {
  const text = read('setup', file);
  if (!text.ok) return text;
  const parsed = parseSetupJson(text.text);
  return parsed.ok ? { ok: true, setup: parsed.value, notes: [] } : { ok: false, error: `--setup ${file}: ${parsed.error}` };
}

/** `--nginx FILE [--upstream NAME]`: each server of the upstream becomes a local backend on the next port from `basePort`. */
export function setupFromNginx(file: string, basePort: number, proxyPort: number, upstream?: string): SetupSource {
  const text = read('nginx', file);
  if (!text.ok) return text;
  const parsed = importNginx(text.text, { basePort, proxyPort, ...(upstream ? { upstream } : {}) });
  if (!parsed.ok) return { ok: false, error: `--nginx ${file}: line ${parsed.line}, column ${parsed.column}: ${parsed.error}` };
  const { setup, mapping, unsupported } = parsed.value;
  const notes = [...mapping.map((m) => `${m.server} (line ${m.line}) becomes ${m.port}`), ...unsupported.map((u) => `not modelled: ${u}`)];
  return { ok: true, setup, notes };
}
