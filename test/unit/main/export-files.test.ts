import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleBackendPath } from '../../../electron/lab/backends/sample-backend-path';
import type { LabSetup } from '../../../electron/lab/setup';
import { composeFileNames, existingFiles, exportComposeFolder, exportConfigFile, SAMPLE_BACKEND_FILE } from '../../../electron/main/export-files';
import { startLab, useLabs } from '../../support/lab-fixture';

useLabs();

const PROXY = 23010;
const BASE = 23011;
let dir: string;

beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lab-export-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The compose text the control API answers, cut back into its files at the `# ===== name =====` lines. */
function splitCompose(text: string): Record<string, string> {
  const [, ...parts] = text.split(/^# ===== (.+) =====\n/m);
  const files: Record<string, string> = {};
  // The files are joined with a blank line between them.
  for (let i = 0; i < parts.length; i += 2) files[parts[i]!] = parts[i + 1]!.replace(/\n\n$/, '\n');
  return files;
}

describe('export files', () => {
  it('writes nginx.conf and haproxy.cfg exactly as the control API exports them, through no temporary file left behind', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE, proxyPort: PROXY, weights: [4, 6] });
    await exportConfigFile(lab, 'nginx', join(dir, 'nginx.conf'));
    await exportConfigFile(lab, 'haproxy', join(dir, 'haproxy.cfg'));
    expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toBe(lab.exportSetup('nginx'));
    expect(readFileSync(join(dir, 'haproxy.cfg'), 'utf8')).toBe(lab.exportSetup('haproxy'));
    expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${BASE + 1} weight=6`));
    expect(readdirSync(dir).sort()).toEqual(['haproxy.cfg', 'nginx.conf']);
  });

  it('writes each docker-compose file into the folder, the same files the compose export joins, plus the sample backend its Dockerfile copies', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE, proxyPort: PROXY });
    const names = composeFileNames(lab);
    expect(names).toEqual(['docker-compose.yml', 'nginx.conf', 'Dockerfile', SAMPLE_BACKEND_FILE]);
    expect(await exportComposeFolder(lab, dir)).toEqual(names);
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    const joined = splitCompose(lab.exportSetup('compose'));
    expect(Object.keys(joined)).toEqual(names.filter((n) => n !== SAMPLE_BACKEND_FILE));
    for (const [name, text] of Object.entries(joined)) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain(`COPY ${SAMPLE_BACKEND_FILE} .`);
    expect(readFileSync(join(dir, SAMPLE_BACKEND_FILE), 'utf8')).toBe(readFileSync(sampleBackendPath(), 'utf8'));
  });

  it('writes no Dockerfile and no sample backend when the lab ran its own command', async () => {
    const setup: LabSetup = { version: 1, proxy: { port: 8080, algorithm: 'round-robin' }, backends: [{ port: 4000, command: 'flask run -p {port}' }, { port: 4001, command: 'flask run -p {port}' }] };
    const lab = { setup: () => setup };
    expect(composeFileNames(lab)).toEqual(['docker-compose.yml', 'nginx.conf']);
    expect(await exportComposeFolder(lab, dir)).toEqual(['docker-compose.yml', 'nginx.conf']);
    expect(readdirSync(dir).sort()).toEqual(['docker-compose.yml', 'nginx.conf']);
    expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).toContain('flask run -p');
  });

  it('names the files of an export that are already in the folder', async () => {
    writeFileSync(join(dir, 'nginx.conf'), 'mine');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(await existingFiles(dir, ['docker-compose.yml', 'nginx.conf', 'Dockerfile'])).toEqual(['nginx.conf']);
  });
});
