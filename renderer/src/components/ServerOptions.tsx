import { memo } from 'react';
import type { LabApi } from '../../../electron/shared/types';
import { ServerFlagToggle } from './ServerFlagToggle';
import { ServerLimitEditor } from './ServerLimitEditor';

export interface ServerOptionsProps {
  api: LabApi;
  port: number;
  backup: boolean;
  down: boolean;
  drain: boolean;
  maxFails: number;
  failTimeoutMs: number;
  maxConns: number;
  slowStartMs: number;
}

/**
 * The rest of a port's `server` line, folded away under "Server options":
 * backup / down / drain switches and the max_fails, fail_timeout, max_conns
 * and slow_start numbers. Primitive props: re-renders only when one changes.
 */
export const ServerOptions = memo(function ServerOptions({ api, port, backup, down, drain, maxFails, failTimeoutMs, maxConns, slowStartMs }: ServerOptionsProps) {
  return (
    <details className="server-options">
      <summary>
        Server options<span className="visually-hidden"> for port {port}</span>
      </summary>
      <div className="server-options__body">
        <ServerFlagToggle api={api} port={port} flag="backup" value={backup} />
        <ServerFlagToggle api={api} port={port} flag="down" value={down} />
        <ServerFlagToggle api={api} port={port} flag="drain" value={drain} />
        <ServerLimitEditor api={api} port={port} limit="maxFails" value={maxFails} />
        <ServerLimitEditor api={api} port={port} limit="failTimeoutMs" value={failTimeoutMs} />
        <ServerLimitEditor api={api} port={port} limit="maxConns" value={maxConns} />
        <ServerLimitEditor api={api} port={port} limit="slowStartMs" value={slowStartMs} />
      </div>
    </details>
  );
});
