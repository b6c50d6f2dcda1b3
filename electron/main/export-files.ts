import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lab } from '../lab/lab';
import { sampleBackendPath } from '../lab/backends/sample-backend-path';
import { exportCompose, type ExportedFile } from '../lab/setup';
import type { ExportKind } from '../shared/schemas';
import { writeFileAtomic } from './write-file-atomic';

/** File > Export's items: the file a save dialog proposes for each single-file export. */
export const EXPORT_FILE_NAMES = { nginx: 'nginx.conf', haproxy: 'haproxy.cfg' } as const satisfies Partial<Record<ExportKind, string>>;

/** The sample backend's file name, copied beside the compose export's Dockerfile, which COPYs it. */
export const SAMPLE_BACKEND_FILE = 'sample-backend.mjs';

/** Write the lab's nginx.conf or haproxy.cfg (what `GET /api/export/:kind` answers) to `file`, atomically. */
export async function exportConfigFile(lab: Pick<Lab, 'exportSetup'>, kind: keyof typeof EXPORT_FILE_NAMES, file: string): Promise<void> {
  await writeFileAtomic(file, lab.exportSetup(kind));
}

/**
 * The files of the lab's docker-compose export, by name: docker-compose.yml,
 * nginx.conf and, when the sample backend ran, its Dockerfile plus the
 * sample backend itself, so `docker compose up` works in that folder as it
 * is. They come from exportCompose as a list (lab.exportSetup('compose')
 * joins the same list into one text for the control API and the CLI).
 */
export function composeFileNames(lab: Pick<Lab, 'setup'>): string[] {
  const files = composeFiles(lab);
  return [...files.map((f) => f.name), ...(needsSampleBackend(files) ? [SAMPLE_BACKEND_FILE] : [])];
}

/** Which of `names` already exist in `folder`: the person is asked before they are replaced. */
export async function existingFiles(folder: string, names: readonly string[]): Promise<string[]> {
  const found = await Promise.all(names.map((name) => stat(join(folder, name)).then(() => true, () => false)));
  return names.filter((_, i) => found[i]);
}

/** Write the compose export's files into `folder` (each atomically); returns their names. */
export async function exportComposeFolder(lab: Pick<Lab, 'setup'>, folder: string): Promise<string[]> {
  const files = composeFiles(lab);
  for (const file of files) await writeFileAtomic(join(folder, file.name), file.text);
  if (!needsSampleBackend(files)) return files.map((f) => f.name);
  await copyFile(sampleBackendPath(), join(folder, SAMPLE_BACKEND_FILE));
  return [...files.map((f) => f.name), SAMPLE_BACKEND_FILE];
}

function composeFiles(lab: Pick<Lab, 'setup'>): ExportedFile[] {
  return exportCompose(lab.setup());
}

function needsSampleBackend(files: readonly ExportedFile[]): boolean {
  return files.some((f) => f.name === 'Dockerfile');
}
