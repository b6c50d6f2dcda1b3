import { describe, expect, it } from 'vitest';
import { OutputBatcher } from '../../../electron/lab/terminal/output-batcher';
import { ManualClock } from '../../support/manual-clock';

function setup(delayMs = 5, maxChars = 10) {
  const clock = new ManualClock();
  const sent: string[] = [];
  const batcher = new OutputBatcher((text) => sent.push(text), { delayMs, maxChars, clock });
  return { clock, sent, batcher };
}

describe('OutputBatcher', () => {
  it('sends chunks that arrive within the delay as one message once the delay has passed', () => {
    const { clock, sent, batcher } = setup();
    batcher.push('a');
    batcher.push('b');
    clock.advance(4);
    expect(sent).toEqual([]);
    batcher.push('c');
    clock.advance(1);
    expect(sent).toEqual(['abc']);
    expect(clock.pending).toBe(0);
  });

  it('sends at once when the size cap is reached, without waiting for the timer', () => {
    const { clock, sent, batcher } = setup(5, 4);
    batcher.push('ab');
    batcher.push('cdef');
    expect(sent).toEqual(['abcdef']);
    expect(clock.pending).toBe(0);
  });

  it('starts one timer per batch, not one per chunk', () => {
    const { clock, batcher } = setup(5, 1000);
    for (let i = 0; i < 50; i++) batcher.push('x');
    expect(clock.pending).toBe(1);
  });

  it('flushes on demand and drops what is pending on dispose', () => {
    const { clock, sent, batcher } = setup();
    batcher.push('one');
    batcher.flush();
    batcher.push('two');
    batcher.dispose();
    clock.advance(100);
    expect(sent).toEqual(['one']);
  });
});
