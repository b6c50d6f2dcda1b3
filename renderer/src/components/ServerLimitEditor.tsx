import type { LabApi } from '../../../electron/shared/types';
import { SERVER_LIMIT_INFO, type ServerLimit } from '../model/option-info';
import { BackendNumberEditor } from './BackendNumberEditor';
import { Equivalents } from './Equivalents';

export interface ServerLimitEditorProps {
  api: LabApi;
  port: number;
  limit: ServerLimit;
  value: number;
}

/** One server parameter of a port (max fails, fail timeout, max conns, slow start), with what it does and its nginx/HAProxy name. */
export function ServerLimitEditor({ api, port, limit, value }: ServerLimitEditorProps) {
  const info = SERVER_LIMIT_INFO[limit];
  return (
    <BackendNumberEditor
      api={api}
      port={port}
      field={limit}
      value={value}
      label={
        <>
          {info.label}
          {info.unit && <span className="muted"> ({info.unit})</span>}
        </>
      }
      errorLabel={info.unit ? `${info.label} (${info.unit})` : info.label}
      className="limit-editor"
      explain={
        <>
          {info.explain} <Equivalents nginx={info.nginx} haproxy={info.haproxy} />
        </>
      }
    />
  );
}
