import { memo } from 'react';
import type { LabApi } from '../../../electron/shared/types';
import { BackendNumberEditor } from './BackendNumberEditor';

export interface WeightEditorProps {
  api: LabApi;
  port: number;
  weight: number;
}

/** The weight of one port (0-256, as the shared schema says). Primitive props: a new hit count does not re-render it. */
export const WeightEditor = memo(function WeightEditor({ api, port, weight }: WeightEditorProps) {
  return <BackendNumberEditor api={api} port={port} field="weight" value={weight} label="Weight" errorLabel="Weight" className="weight-editor" />;
});
