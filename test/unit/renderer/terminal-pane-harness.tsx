// The browser entry of test/e2e/terminal-pane.test.ts (bundled by it with vite, never run by vitest):
// one TerminalPane over one terminal WebSocket, as the dashboard's browser client would wire it.
import { createRoot } from 'react-dom/client';
import { TerminalPane } from '../../../renderer/src/components/TerminalPane';
import type { TerminalClientMessage } from '../../../electron/shared/terminal';

const params = new URLSearchParams(location.search);
const port = Number(params.get('port'));
const ws = new WebSocket(`ws://${location.host}/api/backends/${port}/terminal`);
const listeners = new Set<(data: string) => void>();
ws.addEventListener('message', (event) => listeners.forEach((listener) => listener(String(event.data))));

function send(message: TerminalClientMessage): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  else ws.addEventListener('open', () => ws.send(JSON.stringify(message)), { once: true });
}

createRoot(document.getElementById('root')!).render(
  <TerminalPane
    port={port}
    scrollback={Number(params.get('scrollback') ?? 1000)}
    subscribe={(listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }}
    write={(data) => send({ type: 'input', data })}
    resize={(cols, rows) => send({ type: 'resize', cols, rows })}
  />,
);
