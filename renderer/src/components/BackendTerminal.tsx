import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { LabApi, TerminalConnection } from '../../../electron/shared/command-table';
import { TerminalPane } from './TerminalPane';

/**
 * A row's "Terminal" toggle and, while open, its xterm pane over one
 * terminal connection. Closed, it costs nothing: no connection, no output
 * sent. The size the pane reports before the connection exists is applied
 * once it opens. Primitive props: the row's new numbers do not re-render it.
 */
export const BackendTerminal = memo(function BackendTerminal({ api, port }: { api: LabApi; port: number }) {
  const [open, setOpen] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const connection = useRef<TerminalConnection | null>(null);
  const size = useRef<[number, number] | null>(null);
  const subscribe = useCallback(
    (listener: (data: string) => void) => {
      setEnded(null);
      const opened = api.openTerminal(port, listener, (reason) => setEnded(reason));
      connection.current = opened;
      if (size.current) opened.resize(...size.current);
      return () => {
        opened.close();
        if (connection.current === opened) connection.current = null;
      };
    },
    [api, port],
  );
  const callbacks = useMemo(
    () => ({
      write: (data: string) => connection.current?.write(data),
      resize: (cols: number, rows: number) => {
        size.current = [cols, rows];
        connection.current?.resize(cols, rows);
      },
    }),
    [],
  );
  return (
    <div className="backend-terminal">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide terminal' : 'Terminal'}
        <span className="visually-hidden"> of port {port}</span>
      </button>
      {open && <TerminalPane port={port} subscribe={subscribe} write={callbacks.write} resize={callbacks.resize} />}
      {open && ended && (
        <p className="field-error" role="status">
          {ended}
        </p>
      )}
    </div>
  );
});
