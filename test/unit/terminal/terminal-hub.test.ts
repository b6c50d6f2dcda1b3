import { describe, expect, it } from 'vitest';
import { LabError } from '../../../electron/lab/lab-error';
import { TerminalHub, type TerminalHubOptions } from '../../../electron/lab/terminal/terminal-hub';
import { FakeTerminalSource } from './fake-terminal-source';
import { ManualClock } from '../../support/manual-clock';

const PORT = 4000;
const DELAY = 5;

function setup(options: TerminalHubOptions = {}) {
  const clock = new ManualClock();
  const source = new FakeTerminalSource();
  source.add(PORT);
  const hub = new TerminalHub(source, { flushDelayMs: DELAY, clock, ...options });
  return { clock, source, hub };
}

function collect(hub: TerminalHub, port = PORT) {
  const got: string[] = [];
  const off = hub.subscribe(port, (data) => got.push(data));
  return { got, off, text: () => got.join('') };
}

function thrown(fn: () => unknown): LabError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LabError) return err;
    throw err;
  }
  throw new Error('expected a LabError');
}

describe('TerminalHub', () => {
  it('decodes a multibyte character split across reads, even across a flush', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    const view = collect(hub);
    const check = Buffer.from('✓');
    const emoji = Buffer.from('🚀');
    source.emit(PORT, Buffer.concat([Buffer.from('ok '), check.subarray(0, 2)]));
    source.emit(PORT, Buffer.concat([check.subarray(2), emoji.subarray(0, 1)]));
    clock.advance(DELAY);
    source.emit(PORT, emoji.subarray(1, 3));
    clock.advance(DELAY);
    source.emit(PORT, Buffer.concat([emoji.subarray(3), Buffer.from('\r\n')]));
    clock.advance(DELAY);
    expect(view.text()).toContain('ok ✓🚀\r\n');
    expect(view.text()).not.toContain('\ufffd');
    expect(hub.text(PORT)).toContain('ok ✓🚀\n');
  });

  it('batches live output: nothing before the delay, one message after it', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    const view = collect(hub);
    view.got.length = 0;
    source.emit(PORT, 'a');
    source.emit(PORT, 'b');
    expect(view.got).toEqual([]);
    clock.advance(DELAY);
    expect(view.got).toEqual(['ab']);
  });

  it('sends at once when a batch reaches the size cap', () => {
    const { clock, source, hub } = setup({ maxBatchChars: 8 });
    source.start(PORT, 101);
    const view = collect(hub);
    view.got.length = 0;
    source.emit(PORT, '0123456789');
    expect(view.got).toEqual(['0123456789']);
    expect(clock.pending).toBe(0);
  });

  it('gives a terminal opened later the recent output first, then only what is new', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    source.emit(PORT, 'line 1\r\n');
    source.emit(PORT, 'line 2\r\n');
    const view = collect(hub);
    expect(view.got).toHaveLength(1);
    expect(view.got[0]).toContain('pid 101 started');
    expect(view.got[0]!.endsWith('line 1\r\nline 2\r\n')).toBe(true);
    source.emit(PORT, 'line 3\r\n');
    clock.advance(DELAY);
    expect(view.got.slice(1)).toEqual(['line 3\r\n']);
  });

  it('costs no timer for a port nobody watches, yet keeps its output in the ring', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    source.emit(PORT, 'unseen\r\n');
    expect(clock.pending).toBe(0);
    const view = collect(hub);
    view.off();
    source.emit(PORT, 'after close\r\n');
    expect(clock.pending).toBe(0);
    clock.advance(DELAY);
    expect(view.text()).not.toContain('after close');
    expect(hub.text(PORT)).toContain('unseen\nafter close\n');
  });

  it('hands a second viewer the pending output once, through the ring, and the first viewer too', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    const first = collect(hub);
    source.emit(PORT, 'pending\r\n');
    const second = collect(hub);
    source.emit(PORT, 'live\r\n');
    clock.advance(DELAY);
    expect(first.text()).toBe(second.text());
    expect(second.text().match(/pending/g)).toHaveLength(1);
  });

  it('keeps the ring bounded by its size in bytes', () => {
    const ringBytes = 4096;
    const { source, hub } = setup({ ringBytes });
    source.start(PORT, 101);
    for (let i = 0; i < 1000; i++) source.emit(PORT, `request ${i} ✓\r\n`);
    const recent = collect(hub).text();
    expect(Buffer.byteLength(recent)).toBeLessThanOrEqual(ringBytes);
    expect(recent.endsWith('request 999 ✓\r\n')).toBe(true);
  });

  it('sends keystrokes to the pty and the output they cause without the batching delay', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    const view = collect(hub);
    source.emit(PORT, 'prompt> ');
    expect(hub.write(PORT, 'y')).toBe(true);
    expect(source.written).toEqual([{ port: PORT, data: 'y' }]);
    expect(view.text().endsWith('prompt> ')).toBe(true);
    source.emit(PORT, 'y');
    expect(view.text().endsWith('prompt> y')).toBe(true);
    source.emit(PORT, '\r\nmore');
    expect(view.text().endsWith('more')).toBe(false);
    clock.advance(DELAY);
    expect(view.text().endsWith('more')).toBe(true);
  });

  it('marks each new session with its pid and each end with how it ended, so a restart clears nothing', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    const view = collect(hub);
    source.emit(PORT, 'first run, no newline');
    source.exit(PORT, { code: null, signal: 'SIGTERM' });
    source.start(PORT, 202);
    source.emit(PORT, 'second run\r\n');
    clock.advance(DELAY);
    const plain = hub.text(PORT);
    expect(plain).toMatch(/pid 101 started: serve 4000 ───\nfirst run, no newline\n─── pid 101 ended by SIGTERM ───\n─── pid 202 started: serve 4000 ───\nsecond run\n$/);
    expect(view.text()).toContain('pid 202 started');
  });

  it('drops output that arrives after a session ended', () => {
    const { clock, source, hub } = setup();
    source.start(PORT, 101);
    const view = collect(hub);
    source.exit(PORT, { code: 0, signal: null });
    source.emit(PORT, 'too late');
    clock.advance(DELAY);
    expect(view.text()).not.toContain('too late');
    expect(hub.text(PORT)).not.toContain('too late');
  });

  it('says why a backend never started when its port was taken', () => {
    const { source, hub } = setup();
    source.exit(PORT, null, 'failed', 'port 4000 is in use by another program on 127.0.0.1; it was left alone');
    expect(hub.text(PORT)).toBe('─── not started: port 4000 is in use by another program on 127.0.0.1; it was left alone ───\n');
  });

  it('says why a session never got ready, naming its pid', () => {
    const { source, hub } = setup();
    source.start(PORT, 5);
    source.exit(PORT, { code: 1, signal: null }, 'failed', 'exited with code 1 before accepting connections\n--- last output ---\nboom');
    expect(hub.text(PORT)).toContain('─── pid 5 exited with code 1 before accepting connections ───\n');
  });

  it('refuses an unknown port with 404 and a bad size or input with 400 naming the field, passing nothing on', () => {
    const { source, hub } = setup();
    source.start(PORT, 101);
    expect(thrown(() => hub.subscribe(4999, () => {})).status).toBe(404);
    expect(thrown(() => hub.write(4999, 'x')).status).toBe(404);
    expect(thrown(() => hub.text(4999)).status).toBe(404);
    const cols = thrown(() => hub.resize(PORT, 0, 24));
    expect([cols.status, cols.field]).toEqual([400, 'cols']);
    const rows = thrown(() => hub.resize(PORT, 80, 2.5));
    expect([rows.status, rows.field]).toEqual([400, 'rows']);
    expect(thrown(() => hub.write(PORT, 7 as unknown as string)).status).toBe(400);
    expect(thrown(() => hub.write(PORT, 'x'.repeat(70_000))).status).toBe(400);
    expect(source.sizes).toEqual([]);
    expect(source.written).toEqual([]);
    expect(hub.resize(PORT, 100, 40)).toBe(true);
    expect(source.sizes).toEqual([{ port: PORT, cols: 100, rows: 40 }]);
  });

  it('reports false for keystrokes to a backend with no running process', () => {
    const { source, hub } = setup();
    expect(hub.write(PORT, 'x')).toBe(false);
    expect(hub.resize(PORT, 80, 24)).toBe(false);
    expect(source.written).toEqual([]);
  });

  it('ends the viewers of a forgotten backend and drops its ring', () => {
    const { source, hub } = setup();
    source.start(PORT, 101);
    let ended = 0;
    hub.subscribe(PORT, () => {}, { onEnd: () => ended++ });
    source.emit(PORT, 'bye\r\n');
    hub.forget(PORT);
    expect(ended).toBe(1);
    expect(hub.text(PORT)).toBe('');
  });
});
