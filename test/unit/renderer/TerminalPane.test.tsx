// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalPane } from '../../../renderer/src/components/TerminalPane';

afterEach(cleanup);

/** A terminal stream the test feeds by hand, counting who listens. */
function fakeStream() {
  const listeners = new Set<(data: string) => void>();
  let subscriptions = 0;
  const typed: string[] = [];
  const sizes: [number, number][] = [];
  return {
    typed,
    sizes,
    get listening() {
      return listeners.size;
    },
    get subscriptions() {
      return subscriptions;
    },
    emit: (data: string) => listeners.forEach((l) => l(data)),
    props: {
      subscribe(listener: (data: string) => void) {
        subscriptions++;
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      write: (data: string) => typed.push(data),
      resize: (cols: number, rows: number) => sizes.push([cols, rows]),
    },
  };
}

function screenText(): string {
  return document.querySelector('.xterm-rows')?.textContent ?? '';
}

describe('TerminalPane', () => {
  it('shows what the stream sends, colours stripped of their codes on screen', async () => {
    const stream = fakeStream();
    render(<TerminalPane port={4000} {...stream.props} />);
    stream.emit('\u001b[32mGET / 200\u001b[0m\r\nsecond ✓\r\n');
    await waitFor(() => expect(screenText()).toContain('GET / 200'));
    expect(screenText()).toContain('second ✓');
    expect(screenText()).not.toContain('[32m');
  });

  it('is labelled with its backend’s port', () => {
    const stream = fakeStream();
    render(<TerminalPane port={4001} {...stream.props} />);
    expect(screen.getByRole('region', { name: 'Terminal of backend 4001' })).toBeTruthy();
  });

  it('subscribes once however often it re-renders, and reports its size', () => {
    const stream = fakeStream();
    const { rerender } = render(<TerminalPane port={4000} {...stream.props} />);
    rerender(<TerminalPane port={4000} {...stream.props} write={(d) => stream.typed.push(d)} />);
    expect(stream.subscriptions).toBe(1);
    expect(stream.sizes.length).toBeGreaterThan(0);
    const [cols, rows] = stream.sizes.at(-1)!;
    expect(cols).toBeGreaterThan(0);
    expect(rows).toBeGreaterThan(0);
  });

  it('sends what is typed, Ctrl-C included, to write', async () => {
    const stream = fakeStream();
    render(<TerminalPane port={4000} {...stream.props} />);
    const input = document.querySelector<HTMLTextAreaElement>('.xterm-helper-textarea')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', code: 'KeyC', ctrlKey: true, keyCode: 67, bubbles: true }));
    await waitFor(() => expect(stream.typed).toContain('\u0003'));
  });

  it('unsubscribes and removes the terminal when it unmounts', () => {
    const stream = fakeStream();
    const { unmount } = render(<TerminalPane port={4000} {...stream.props} />);
    expect(stream.listening).toBe(1);
    expect(document.querySelector('.xterm')).not.toBeNull();
    unmount();
    expect(stream.listening).toBe(0);
    expect(document.querySelector('.xterm')).toBeNull();
  });
});
