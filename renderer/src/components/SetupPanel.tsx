import { memo, useState } from 'react';
import { EXPORT_KINDS, type ExportKind } from '../../../electron/shared/schemas';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { download } from '../model/download';

const FILE_NAMES: Record<ExportKind, string> = { nginx: 'nginx.conf', haproxy: 'haproxy.cfg', compose: 'docker-compose.txt' };


/**
 * Take the setup out and bring one in: export the running lab as
 * nginx.conf, haproxy.cfg or docker-compose (copy or save), save the lab's
 * setup file, and paste an nginx upstream block to replace the lab's
 * backends with its servers (after asking).
 */
export const SetupPanel = memo(function SetupPanel({ api }: { api: LabApi }) {
  const exporting = useCommand();
  const importing = useCommand();
  const [shown, setShown] = useState<{ kind: ExportKind; text: string } | null>(null);
  const [config, setConfig] = useState('');
  const [report, setReport] = useState<string | null>(null);

  const show = async (kind: ExportKind): Promise<void> => {
    const result = await exporting.run(() => api.exportSetup(kind));
    if (result.ok) setShown({ kind, text: result.value });
  };
  const saveSetup = async (): Promise<void> => {
    const result = await exporting.run(() => api.setup());
    if (result.ok) download('lab.json', `${JSON.stringify(result.value, null, 2)}\n`);
  };
  const importNginx = async (): Promise<void> => {
    if (!window.confirm('Replace every backend of this lab with the servers of this upstream?')) return;
    setReport(null);
    const result = await importing.run(() => api.importNginx({ config }));
    if (!result.ok) return;
    const { mapping, unsupported, problems } = result.value;
    setReport([...mapping.map((m) => `${m.server} → ${m.port}`), ...unsupported.map((u) => `not modelled: ${u}`), ...problems].join('\n'));
  };

  return (
    <section className="panel setup-panel" aria-labelledby="setup-panel-title">
      <h2 id="setup-panel-title">Setup: export and import</h2>
      <div className="setup-panel__buttons" role="group" aria-label="Export">
        {EXPORT_KINDS.map((kind) => (
          <button key={kind} type="button" className="button" disabled={exporting.pending} onClick={() => void show(kind)}>
            Export {kind}
          </button>
        ))}
        <button type="button" className="button" disabled={exporting.pending} onClick={() => void saveSetup()}>
          Save setup (lab.json)
        </button>
      </div>
      {exporting.error && (
        <p className="field-error" role="alert">
          {exporting.error}
        </p>
      )}
      {shown && (
        <div className="setup-panel__export">
          <textarea readOnly aria-label={`Exported ${shown.kind}`} value={shown.text} rows={12} />
          <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(shown.text)}>
            Copy
          </button>
          <button type="button" className="button" onClick={() => download(FILE_NAMES[shown.kind], shown.text)}>
            Save file
          </button>
        </div>
      )}
      <label className="setup-panel__import">
        Paste an nginx.conf or an <code>upstream</code> block
        <textarea value={config} onChange={(e) => setConfig(e.target.value)} rows={6} placeholder={'upstream api {\n  server demo_api_1:8001 weight=4;\n  server demo_api_2:8001 weight=6;\n}'} />
      </label>
      <button type="button" className="button" disabled={importing.pending || config.trim() === ''} onClick={() => void importNginx()}>
        Import into the lab
      </button>
      {importing.error && (
        <p className="field-error" role="alert">
          {importing.error}
        </p>
      )}
      {report && <pre className="setup-panel__report">{report}</pre>}
    </section>
  );
});
