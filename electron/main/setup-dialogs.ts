import { basename } from 'node:path';
import { dialog, type BrowserWindow, type FileFilter, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Lab } from '../lab/lab';
import { composeFileNames, existingFiles, exportComposeFolder, exportConfigFile, EXPORT_FILE_NAMES } from './export-files';
import { openSetup } from './open-setup';
import { writeSetupFile } from './setup-file';
import type { ExportKind } from '../shared/schemas';

/**
 * What File > Open Setup…, Save Setup… and Export do; each shows its own
 * errors and never throws. One runs at a time: a click while another is
 * under way (a setup's backends still starting, say) gets that one.
 */
export interface FileActions {
  openSetup(): Promise<void>;
  saveSetup(): Promise<void>;
  exportSetup(kind: ExportKind): Promise<void>;
}

const SETUP_FILTERS: FileFilter[] = [{ name: 'Lab setup', extensions: ['json'] }];
const EXPORT_FILTERS: Record<keyof typeof EXPORT_FILE_NAMES, FileFilter[]> = {
  nginx: [{ name: 'nginx config', extensions: ['conf'] }],
  haproxy: [{ name: 'HAProxy config', extensions: ['cfg'] }],
};

/**
 * The File menu's dialogs over the lab: each asks the person with
 * Electron's dialogs, then hands the answers as plain values to
 * openSetup / writeSetupFile / the export writers, which hold the logic.
 */
export function fileActions(lab: Lab, getWindow: () => BrowserWindow | null): FileActions {
  const box = (options: MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> => {
    const window = getWindow();
    return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  };
  const openDialog = (options: OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> => {
    const window = getWindow();
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
  };
  const saveDialog = (options: SaveDialogOptions): Promise<Electron.SaveDialogReturnValue> => {
    const window = getWindow();
    return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
  };
  const replace = async (message: string, detail: string): Promise<boolean> =>
    (await box({ type: 'question', buttons: ['Replace', 'Cancel'], defaultId: 0, cancelId: 1, message, detail })).response === 0;
  const failed = async (what: string, error: unknown): Promise<void> => {
    console.error(`${what} failed:`, error);
    await box({ type: 'error', message: `${what} failed`, detail: error instanceof Error ? error.message : String(error) });
  };

  let running: Promise<void> | null = null;
  const oneAtATime =
    <A extends unknown[]>(action: (...args: A) => Promise<void>) =>
    (...args: A): Promise<void> =>
      (running ??= action(...args).finally(() => (running = null)));

  return {
    openSetup: oneAtATime(async () => {
      const chosen = await openDialog({ title: 'Open Setup', filters: SETUP_FILTERS, properties: ['openFile'] });
      const file = chosen.filePaths[0];
      if (chosen.canceled || file === undefined) return;
      try {
        const outcome = await openSetup(lab, file, (running) =>
          replace('Replace the running lab?', `Backends ${running.join(', ')} are running. Opening ${basename(file)} stops and removes them, then starts the setup's backends.`),
        );
        if (outcome.kind === 'refused') {
          await box({ type: 'error', message: `${basename(file)} is not a setup the lab can open`, detail: `${outcome.error}\n\nNothing was changed.` });
        } else if (outcome.kind === 'applied' && outcome.problems.length > 0) {
          await box({ type: 'warning', message: `${basename(file)} was opened, with problems`, detail: outcome.problems.join('\n') });
        }
      } catch (error) {
        await failed(`Opening ${basename(file)}`, error);
      }
    }),

    saveSetup: oneAtATime(async () => {
      const chosen = await saveDialog({ title: 'Save Setup', defaultPath: 'lab.json', filters: SETUP_FILTERS });
      if (chosen.canceled || !chosen.filePath) return;
      try {
        const written = await writeSetupFile(chosen.filePath, lab.setup());
        if (!written.ok) await box({ type: 'error', message: 'The setup was not saved', detail: `${written.error}\n\nIt could not be opened again, so the file was not written.` });
      } catch (error) {
        await failed(`Saving ${basename(chosen.filePath)}`, error);
      }
    }),

    exportSetup: oneAtATime(async (kind: ExportKind) => {
      try {
        if (kind !== 'compose') {
          const chosen = await saveDialog({ title: `Export ${EXPORT_FILE_NAMES[kind]}`, defaultPath: EXPORT_FILE_NAMES[kind], filters: EXPORT_FILTERS[kind] });
          if (!chosen.canceled && chosen.filePath) await exportConfigFile(lab, kind, chosen.filePath);
          return;
        }
        const chosen = await openDialog({
          title: 'Export docker-compose: choose a folder',
          buttonLabel: 'Export Here',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        });
        const folder = chosen.filePaths[0];
        if (chosen.canceled || folder === undefined) return;
        const existing = await existingFiles(folder, composeFileNames(lab));
        if (existing.length > 0 && !(await replace(`Replace ${existing.join(', ')}?`, `${folder} already has ${existing.length === 1 ? 'this file' : 'these files'}.`))) return;
        const written = await exportComposeFolder(lab, folder);
        await box({ type: 'info', message: 'docker-compose export written', detail: `${written.join(', ')} in ${folder}.\n\nRun \`docker compose up\` there.` });
      } catch (error) {
        await failed(`Exporting ${kind}`, error);
      }
    }),
  };
}
