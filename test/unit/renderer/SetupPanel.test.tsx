// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportKind } from '../../../electron/shared/schemas';
import type { Result, SetupDocument } from '../../../electron/shared/types';
import { SetupPanel } from '../../../renderer/src/components/SetupPanel';
import { createFakeLabApi } from './fake-lab-api';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const ok = <T,>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

const EXPORTS: Record<ExportKind, string> = {
  nginx: 'events {}\nhttp {\n    upstream lab_backends {\n        server 127.0.0.1:4000 weight=4 max_fails=1 fail_timeout=10s;\n    }\n}\n',
  haproxy: 'backend lab_backends\n    balance roundrobin\n',
  compose: '# ===== docker-compose.yml =====\nname: lab\n',
};
const SETUP: SetupDocument = { version: 1, proxy: { port: 8080, algorithm: 'weighted' }, backends: [{ port: 4000, weight: 4 }] };
const IMPORTED = {
  ports: [4000, 4001],
  mapping: [
    { server: 'demo_api_1:8001', port: 4000, line: 2 },
    { server: 'demo_api_2:8001', port: 4001, line: 3 },
  ],
  unsupported: ['line 4: keepalive: the lab opens a connection per request'],
  problems: [],
};
const TUTORIAL = 'upstream demo_api {\n  server demo_api_1:8001 weight=4;\n  server demo_api_2:8001 weight=6;\n  keepalive 16;\n}\n';

/** What a download offered: the file name and its text. */
interface Offered {
  name: string;
  text: string;
}

/** The panel over a LabApi whose setup commands answer as the lab does; downloads are recorded. */
function setup() {
  const api = Object.assign(createFakeLabApi(), {
    exportSetup: vi.fn((kind: ExportKind) => ok(EXPORTS[kind])),
    setup: vi.fn(() => ok(SETUP)),
    importNginx: vi.fn(() => ok(IMPORTED)),
  });
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), `blob:${blobs.length}`));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  const offered = async (): Promise<Offered[]> => Promise.all(names.map(async (name, i) => ({ name, text: await blobs[i]!.text() })));
  // happy-dom has no window.confirm: the person's answer is this spy's.
  const confirm = vi.fn((_message?: string) => true);
  Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
  render(<SetupPanel api={api} />);
  // user-event's setup() puts a clipboard of its own on navigator: what Copy wrote is read back from it.
  return { api, user: userEvent.setup(), offered, confirm };
}

const exportButton = (kind: ExportKind) => screen.getByRole('button', { name: `Export ${kind}` });
const pasteBox = () => screen.getByLabelText(/Paste an nginx\.conf/);

describe('SetupPanel', () => {
  it('shows the lab’s nginx.conf in a box, copies it, and offers it as nginx.conf', async () => {
    const { api, user, offered } = setup();
    await user.click(exportButton('nginx'));
    expect(api.exportSetup).toHaveBeenCalledWith('nginx');
    const box = (await screen.findByLabelText('Exported nginx')) as HTMLTextAreaElement;
    expect(box.value).toBe(EXPORTS.nginx);
    expect(box.readOnly).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(EXPORTS.nginx);
    await user.click(screen.getByRole('button', { name: 'Save file' }));
    expect(await offered()).toEqual([{ name: 'nginx.conf', text: EXPORTS.nginx }]);
  });

  it.each([
    ['haproxy', 'haproxy.cfg'],
    ['compose', 'docker-compose.txt'],
  ] as const)('offers the %s export as %s', async (kind, name) => {
    const { user, offered } = setup();
    await user.click(exportButton(kind));
    expect(((await screen.findByLabelText(`Exported ${kind}`)) as HTMLTextAreaElement).value).toBe(EXPORTS[kind]);
    await user.click(screen.getByRole('button', { name: 'Save file' }));
    expect(await offered()).toEqual([{ name, text: EXPORTS[kind] }]);
  });

  it('saves the lab’s setup as lab.json, indented as GET /api/setup answers it', async () => {
    const { user, offered } = setup();
    await user.click(screen.getByRole('button', { name: 'Save setup (lab.json)' }));
    await waitFor(async () => expect(await offered()).toEqual([{ name: 'lab.json', text: `${JSON.stringify(SETUP, null, 2)}\n` }]));
  });

  it('shows the lab’s refusal of an export, and no box', async () => {
    const { api, user } = setup();
    api.exportSetup.mockImplementation(() => Promise.resolve({ ok: false, error: 'kind: must be nginx, haproxy or compose', field: 'kind' }));
    await user.click(exportButton('haproxy'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/kind: must be/);
    expect(screen.queryByLabelText('Exported haproxy')).toBeNull();
  });

  it('imports a pasted upstream after asking, and says which server became which port and what the lab does not model', async () => {
    const { api, user, confirm } = setup();
    const importButton = screen.getByRole('button', { name: 'Import into the lab' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    await user.click(pasteBox());
    await user.paste(TUTORIAL);
    await user.click(importButton);
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/^Replace every backend/));
    expect(api.importNginx).toHaveBeenCalledWith({ config: TUTORIAL });
    const report = await screen.findByText(/demo_api_1:8001 → 4000/);
    expect(report.textContent).toBe(['demo_api_1:8001 → 4000', 'demo_api_2:8001 → 4001', `not modelled: ${IMPORTED.unsupported[0]}`].join('\n'));
  });

  it('imports nothing when the person cancels the question', async () => {
    const { api, user, confirm } = setup();
    confirm.mockReturnValue(false);
    await user.click(pasteBox());
    await user.paste(TUTORIAL);
    await user.click(screen.getByRole('button', { name: 'Import into the lab' }));
    expect(api.importNginx).not.toHaveBeenCalled();
  });

  it('shows a parse error with its line and column, and no report', async () => {
    const { api, user } = setup();
    api.importNginx.mockImplementation(() => Promise.resolve({ ok: false, error: 'line 3, column 1: unexpected "}"', field: 'config', status: 400 }));
    await user.click(pasteBox());
    await user.paste('upstream u {\n  server a:1 weight=4\n}\n');
    await user.click(screen.getByRole('button', { name: 'Import into the lab' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^line 3, column 1: unexpected "}"/);
    expect(screen.queryByText(/→/)).toBeNull();
  });
});
