import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lab } from '../../../electron/lab/lab';
import { labStarter } from '../../../electron/main/start-lab';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { dialog } = electron;

const PROXY = 23030;
const BASE = 23031;
const ADVICE = 'Free that port, then try again.';

const labs: Lab[] = [];
let blocker: Server | null = null;

beforeEach(() => electron.resetElectron());
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(labs.splice(0).map((lab) => lab.shutdown()));
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
});

function newLab(): Lab {
  const lab = new Lab({ backends: 0, basePort: BASE, proxyPort: PROXY });
  labs.push(lab);
  return lab;
}

async function takePort(port: number): Promise<void> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
}

const proxyAnswers = async (): Promise<boolean> =>
  fetch(`http://127.0.0.1:${PROXY}/`).then(
    () => true,
    () => false,
  );

describe('labStarter', () => {
  it('starts the lab once; later calls change nothing', async () => {
    const lab = newLab();
    const start = vi.spyOn(lab, 'start');
    const starter = labStarter(lab, ADVICE);
    expect(starter.started).toBe(false);
    expect(await starter.start()).toBe(true);
    expect(starter.started).toBe(true);
    expect(await proxyAnswers()).toBe(true);
    expect(await starter.start()).toBe(true);
    expect(start).toHaveBeenCalledTimes(1);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('shows a taken proxy port to the person, with the advice, instead of crashing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await takePort(PROXY);
    const starter = labStarter(newLab(), ADVICE);
    expect(await starter.start()).toBe(false);
    expect(starter.started).toBe(false);
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, content] = dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe('The lab could not start');
    expect(content).toBe(`proxy port ${PROXY} is already in use by another program.\n\n${ADVICE}`);
    expect(console.error).toHaveBeenCalledWith('the lab could not start:', expect.any(Error));
  });

  it('starts the lab when tried again after the port was freed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await takePort(PROXY);
    const starter = labStarter(newLab(), ADVICE);
    expect(await starter.start()).toBe(false);
    await new Promise<void>((resolve) => blocker!.close(() => resolve()));
    blocker = null;
    expect(await starter.start()).toBe(true);
    expect(starter.started).toBe(true);
    expect(await proxyAnswers()).toBe(true);
  });

  it('runs one attempt for calls made while it is under way', async () => {
    let finish = (): void => undefined;
    const lab = { start: vi.fn(() => new Promise<void>((resolve) => (finish = resolve))) };
    const starter = labStarter(lab, ADVICE);
    const first = starter.start();
    const second = starter.start();
    finish();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(lab.start).toHaveBeenCalledTimes(1);
  });

  it('brings in the last session after the start, and only then counts as started', async () => {
    const lab = newLab();
    let startedDuring: boolean | null = null;
    const starter = labStarter(lab, ADVICE, async () => {
      startedDuring = starter.started;
      await lab.addBackends({ count: 1, basePort: BASE });
    });
    expect(await starter.start()).toBe(true);
    expect(startedDuring).toBe(false);
    expect(lab.snapshot().backends.map((b) => [b.port, b.status])).toEqual([[BASE, 'up']]);
  });

  it('a session that cannot be brought in is shown to the person, and the lab runs on', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const afterStart = vi.fn(async () => Promise.reject(new Error('backends.0.port: taken')));
    const starter = labStarter(newLab(), ADVICE, afterStart);
    expect(await starter.start()).toBe(true);
    expect(await starter.start()).toBe(true);
    expect(afterStart).toHaveBeenCalledTimes(1);
    expect(dialog.showErrorBox).toHaveBeenCalledWith('The last session could not be restored', 'backends.0.port: taken');
    expect(await proxyAnswers()).toBe(true);
  });

  it('brings the session in on the retry when the first start failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await takePort(PROXY);
    const afterStart = vi.fn(async () => undefined);
    const starter = labStarter(newLab(), ADVICE, afterStart);
    expect(await starter.start()).toBe(false);
    expect(afterStart).not.toHaveBeenCalled();
    await new Promise<void>((resolve) => blocker!.close(() => resolve()));
    blocker = null;
    expect(await starter.start()).toBe(true);
    expect(afterStart).toHaveBeenCalledTimes(1);
  });
});
