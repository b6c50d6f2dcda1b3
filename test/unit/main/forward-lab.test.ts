import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { STREAMS } from '../../../electron/shared/command-table';

const SNAPSHOT_CHANNEL = STREAMS.onSnapshot.channel;
const EVENT_CHANNEL = STREAMS.onEvent.channel;
import type { LabEvent, Snapshot } from '../../../electron/shared/types';
import { forwardLabToWindow } from '../../../electron/main/forward-lab';
import { startLab, useLabs } from '../../support/lab-fixture';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, asElectron } = electron;

useLabs();
const PROXY = 25100;
const BASE = 25110;

let window: InstanceType<typeof BrowserWindow>;
beforeEach(() => {
  electron.resetElectron();
  window = new BrowserWindow({});
});

const messages = (channel: string): string[] => (window.webContents.sentOn(channel) as LabEvent[]).map((e) => e.message);

describe('forwardLabToWindow', () => {
  it('pushes snapshots on the lab cadence, not once per request', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY, snapshotIntervalMs: 100 });
    forwardLabToWindow(lab, asElectron(window));
    await sleep(1000);
    const quiet = window.webContents.sentOn(SNAPSHOT_CHANNEL).length;
    expect(quiet).toBeGreaterThanOrEqual(5);
    expect(quiet).toBeLessThanOrEqual(12);

    // 200 requests (answered by the lab itself: there is no backend) in about a second.
    const deadline = Date.now() + 1000;
    let requests = 0;
    while (Date.now() < deadline) {
      await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${PROXY}/`).then((r) => r.arrayBuffer())));
      requests += 20;
    }
    await sleep(Math.max(0, deadline - Date.now()));
    const busy = window.webContents.sentOn(SNAPSHOT_CHANNEL).length - quiet;
    expect(requests).toBeGreaterThan(100);
    expect(busy).toBeLessThanOrEqual(14);
    // The next snapshot counts them all.
    await sleep(250);
    const last = window.webContents.sentOn(SNAPSHOT_CHANNEL).at(-1) as Snapshot;
    expect(last.proxy.requests).toBe(requests);
  });

  it('gives each page load the recent events once, then the live ones', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    forwardLabToWindow(lab, asElectron(window));
    await lab.setBalancer({ algorithm: 'least-conn' });
    // Before the page is ready nothing is sent: its preload would not hear it.
    expect(messages(EVENT_CHANNEL)).toEqual([]);

    window.webContents.domReady();
    expect(messages(EVENT_CHANNEL)).toEqual(['balancing method: least-conn']);
    await lab.setBalancer({ algorithm: 'weighted' });
    expect(messages(EVENT_CHANNEL)).toEqual(['balancing method: least-conn', 'balancing method: weighted']);

    // A reload: the history again, and from then on each live event once (not once per load).
    window.webContents.sent.length = 0;
    window.webContents.domReady();
    await lab.setBalancer({ algorithm: 'round-robin' });
    expect(messages(EVENT_CHANNEL)).toEqual(['balancing method: least-conn', 'balancing method: weighted', 'balancing method: round-robin']);
  });

  it('sends nothing to a window that is destroyed or closed, and lets go of the lab once it is closed', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY, snapshotIntervalMs: 20 });
    const onSnapshot = vi.spyOn(lab, 'onSnapshot');
    const onEvent = vi.spyOn(lab, 'onEvent');
    forwardLabToWindow(lab, asElectron(window));
    window.webContents.domReady();
    expect(onSnapshot).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledTimes(1);

    // Destroyed but 'closed' not yet emitted: the fake's send would throw, as Electron's does.
    window.destroyed = true;
    window.webContents.destroyed = true;
    const sent = window.webContents.sent.length;
    await lab.setBalancer({ algorithm: 'least-conn' });
    await sleep(100);
    expect(window.webContents.sent.length).toBe(sent);

    window.emit('closed');
    // The lab keeps no listener of this window (they are private; read them to prove it).
    const listeners = lab as unknown as { snapshotListeners: Set<unknown>; log: { listeners: Set<unknown> } };
    expect(listeners.snapshotListeners.size).toBe(0);
    expect(listeners.log.listeners.size).toBe(0);
  });
});
