import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabSetup } from '../../../electron/lab/setup';
import { readSetupFile, writeSetupFile } from '../../../electron/main/setup-file';
import { writeFileAtomic } from '../../../electron/main/write-file-atomic';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lab-setup-file-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SETUP: LabSetup = { version: 1, proxy: { port: 8080, algorithm: 'weighted' }, backends: [{ port: 4000, weight: 4 }, { port: 4001, weight: 6, backup: true }] };

describe('setup files', () => {
  it('writes the setup as the JSON GET /api/setup answers, and reads it back', async () => {
    const file = join(dir, 'lab.json');
    expect(await writeSetupFile(file, SETUP)).toEqual({ ok: true, value: SETUP });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(SETUP)));
    expect(await readSetupFile(file)).toEqual({ ok: true, value: SETUP });
  });

  it('replaces a file that is there, leaving only the new one', async () => {
    const file = join(dir, 'lab.json');
    writeFileSync(file, 'an older setup');
    await writeSetupFile(file, SETUP);
    expect(await readSetupFile(file)).toEqual({ ok: true, value: SETUP });
    expect(readdirSync(dir)).toEqual(['lab.json']);
  });

  it('does not write a setup it could not open again, naming the field, and keeps the old file', async () => {
    const file = join(dir, 'lab.json');
    await writeSetupFile(file, SETUP);
    const written = await writeSetupFile(file, { ...SETUP, backends: [{ port: 8080 }] });
    expect(written).toMatchObject({ ok: false, field: 'backends.0.port' });
    expect(await readSetupFile(file)).toEqual({ ok: true, value: SETUP });
  });

  it('a write that fails leaves what was there and no temporary file', async () => {
    // A folder where the file should go: the rename over it fails, as on a full or read-only disk.
    const file = join(dir, 'lab.json');
    mkdirSync(file);
    writeFileSync(join(file, 'kept'), 'x');
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['lab.json']);
    expect(readdirSync(file)).toEqual(['kept']);
  });
});
