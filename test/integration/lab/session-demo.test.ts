import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import type { LabEvent } from '../../../electron/shared/types';
import { startLab, useLabs } from '../../support/lab-fixture';
import { backendOf, CookieJar, getWithJar } from './cookie-jar';

useLabs();
const BASE = 27500;
const PROXY = 27580;

interface Whoami {
  port: number;
  sessions: number;
  session: { id: string; visits: number } | null;
}

/** One visitor keeping its cookies, as a browser does: the visit count of each of `n` visits. */
async function visits(proxy: number, n: number, jar = new CookieJar()): Promise<{ counts: number[]; ports: Set<number> }> {
  const counts: number[] = [];
  const ports = new Set<number>();
  for (let i = 0; i < n; i++) {
    const reply = await getWithJar(`http://127.0.0.1:${proxy}/whoami`, jar);
    const body = JSON.parse(reply.body) as Whoami;
    expect(body.port).toBe(backendOf(reply));
    counts.push(body.session!.visits);
    ports.add(body.port);
  }
  return { counts, ports };
}

describe('the session demo: in-memory sessions behind a balancer', () => {
  it('with round-robin the visit counter keeps starting over; with sticky cookies it reaches 20', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    const roundRobin = await visits(PROXY, 20);
    // Each answer comes from the next backend, which does not know the cookie the last one set.
    expect(roundRobin.ports.size).toBe(3);
    expect(Math.max(...roundRobin.counts)).toBe(1);

    await lab.setBalancer({ algorithm: 'round-robin', sticky: true });
    const sticky = await visits(PROXY, 20);
    expect(sticky.ports.size).toBe(1);
    expect(sticky.counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('with ip-hash it keeps counting too, the page says so in words, and stopping that backend says the sessions are lost', async () => {
    const lab: Lab = await startLab({ backends: 3, basePort: BASE + 10, proxyPort: PROXY + 1, algorithm: 'ip-hash' });
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));
    const jar = new CookieJar();
    const { counts, ports } = await visits(PROXY + 1, 6, jar);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
    const [port] = [...ports] as [number];

    const page = await getWithJar(`http://127.0.0.1:${PROXY + 1}/`, jar);
    expect(page.body).toContain(`visit <span id="visits">7</span> in this session, kept by port ${port}`);

    await lab.backendAction(port, 'stop');
    expect(events.map((e) => e.message)).toContain(
      `${port} stopped: its in-memory sessions are gone; those visitors start over on another backend (this is why ip_hash / sticky exist, and why real apps keep sessions in a shared store)`,
    );
    const after = await visits(PROXY + 1, 2, jar);
    expect(after.counts).toEqual([1, 2]);
    expect(after.ports.has(port)).toBe(false);
  });

  it('a killed backend that held sessions says they are gone; one nobody visited says nothing of sessions', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 20, proxyPort: PROXY + 2, algorithm: 'ip-hash' });
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));
    const { ports } = await visits(PROXY + 2, 2);
    const [visited] = [...ports] as [number];
    const other = visited === BASE + 20 ? BASE + 21 : BASE + 20;

    await lab.backendAction(other, 'kill');
    expect(events.some((e) => e.message.startsWith(`${other} crashed`))).toBe(true);
    expect(events.some((e) => e.message.includes('sessions are gone'))).toBe(false);
    await lab.backendAction(visited, 'kill');
    expect(events.map((e) => e.message)).toContain(
      `${visited} crashed: its in-memory sessions are gone; those visitors start over on another backend (this is why ip_hash / sticky exist, and why real apps keep sessions in a shared store)`,
    );
  });
});
