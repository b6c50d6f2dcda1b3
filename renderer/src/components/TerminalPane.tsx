import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import './TerminalPane.css';

/** Lines kept above the screen: enough to scroll back through a traceback, bounded so a chatty backend cannot grow the page. */
export const DEFAULT_SCROLLBACK = 5000;

export interface TerminalPaneProps {
  /** The backend whose terminal this is (a new port is a new terminal). */
  port: number;
  /** Streams the terminal: recent output first, then live; returns the unsubscribe function. Called once per mount. */
  subscribe(listener: (data: string) => void): () => void;
  /** Keystrokes for the backend's pty. */
  write(data: string): void;
  /** The view's size in cells, whenever it changes (and once at start). */
  resize?(cols: number, rows: number): void;
  /** Lines of scrollback (default DEFAULT_SCROLLBACK). */
  scrollback?: number;
}

/**
 * One backend's terminal in xterm.js: its pty's output with colours, typing
 * goes back to the pty (Ctrl-C included), fitted to its box. Subscribes on
 * mount; unsubscribes and disposes the terminal on unmount, so a closed pane
 * costs nothing.
 */
export function TerminalPane({ port, subscribe, write, resize, scrollback = DEFAULT_SCROLLBACK }: TerminalPaneProps) {
  const container = useRef<HTMLDivElement>(null);
  // The callbacks may be new functions on every render; the terminal lives as long as the port.
  const latest = useRef({ subscribe, write, resize });
  latest.current = { subscribe, write, resize };

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const terminal = new Terminal({
      scrollback,
      fontSize: 12,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      cursorBlink: false,
      // The pty echoes what is typed; backends print CRLF through it already.
      convertEol: false,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    const fitToBox = (): void => {
      // Without a layout (hidden, or a DOM without one) there is nothing to fit to.
      if (fit.proposeDimensions() !== undefined) fit.fit();
    };
    fitToBox();
    const typed = terminal.onData((data) => latest.current.write(data));
    const resized = terminal.onResize(({ cols, rows }) => latest.current.resize?.(cols, rows));
    latest.current.resize?.(terminal.cols, terminal.rows);
    const unsubscribe = latest.current.subscribe((data) => terminal.write(data));
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fitToBox) : null;
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      unsubscribe();
      typed.dispose();
      resized.dispose();
      terminal.dispose();
    };
  }, [port, scrollback]);

  return (
    <section className="terminal-pane" aria-label={`Terminal of backend ${port}`}>
      <div ref={container} className="terminal-pane__screen" />
    </section>
  );
}
