import { memo, useEffect, useState, type FormEvent } from 'react';
import { NEXT_UPSTREAM_CONDITIONS, proxySettingsPatchSchema, type NextUpstreamCondition } from '../../../electron/shared/proxy-settings';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { sameData } from '../model/same-data';
import { numberFromInput, validateInput } from '../model/validate-input';

const LABELS: Record<string, string> = {
  connectTimeoutMs: 'Connect timeout',
  readTimeoutMs: 'Read timeout',
  nextUpstream: 'Retry conditions',
  nextUpstreamTries: 'Tries',
};

/** What each retry condition means, in the words of nginx's proxy_next_upstream. */
const CONDITION_WORDS: Record<NextUpstreamCondition, string> = {
  error: 'connection refused, reset or closed before a response',
  timeout: 'connect or read timeout',
  http_500: 'a 500 answer',
  http_502: 'a 502 answer',
  http_503: 'a 503 answer',
  http_504: 'a 504 answer',
  http_429: 'a 429 answer',
  non_idempotent: 'also retry POST, PATCH and LOCK once sent',
};

export interface ProxySettingsPanelProps {
  api: LabApi;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  nextUpstream: readonly NextUpstreamCondition[];
  nextUpstreamTries: number;
}

/**
 * The proxy's timeouts and retry conditions, each next to its nginx
 * directive and HAProxy keyword; applied live (PUT /api/proxy), only what
 * changed. Re-renders only when a setting changes (the conditions list is
 * compared by value: each snapshot brings a new copy).
 */
export const ProxySettingsPanel = memo(function ProxySettingsPanel(props: ProxySettingsPanelProps) {
  const { api } = props;
  const run = useCommand();
  const [connect, setConnect] = useState(String(props.connectTimeoutMs));
  const [read, setRead] = useState(String(props.readTimeoutMs));
  const [tries, setTries] = useState(String(props.nextUpstreamTries));
  const [conditions, setConditions] = useState<NextUpstreamCondition[]>([...props.nextUpstream]);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = `${props.connectTimeoutMs}|${props.readTimeoutMs}|${props.nextUpstreamTries}|${props.nextUpstream.join()}`;
  // Another window (or the API) changed them: show what the lab has.
  useEffect(() => {
    setConnect(String(props.connectTimeoutMs));
    setRead(String(props.readTimeoutMs));
    setTries(String(props.nextUpstreamTries));
    setConditions([...props.nextUpstream]);
  }, [shown]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const patch: Record<string, unknown> = {};
    if (numberFromInput(connect) !== props.connectTimeoutMs) patch['connectTimeoutMs'] = numberFromInput(connect);
    if (numberFromInput(read) !== props.readTimeoutMs) patch['readTimeoutMs'] = numberFromInput(read);
    if (numberFromInput(tries) !== props.nextUpstreamTries) patch['nextUpstreamTries'] = numberFromInput(tries);
    const ordered = NEXT_UPSTREAM_CONDITIONS.filter((c) => conditions.includes(c));
    if (ordered.join() !== props.nextUpstream.join()) patch['nextUpstream'] = ordered;
    const checked = validateInput(proxySettingsPatchSchema, patch, LABELS, 'proxy');
    if (!checked.ok) return setProblem(checked.problem.message);
    setProblem(null);
    await run.run(() => api.setProxy(checked.value));
  };
  const toggle = (condition: NextUpstreamCondition, on: boolean): void => setConditions((list) => (on ? [...list, condition] : list.filter((c) => c !== condition)));
  const message = problem ?? run.error;
  return (
    <section className="panel proxy-settings" aria-labelledby="proxy-settings-title">
      <h2 id="proxy-settings-title">Timeouts and retries</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Connect timeout (ms) <input type="number" value={connect} onChange={(e) => setConnect(e.target.value)} />
          <span className="muted small">
            nginx <code>proxy_connect_timeout</code>, HAProxy <code>timeout connect</code>
          </span>
        </label>
        <label>
          Read timeout (ms) <input type="number" value={read} onChange={(e) => setRead(e.target.value)} />
          <span className="muted small">
            nginx <code>proxy_read_timeout</code>, HAProxy <code>timeout server</code>: the longest wait for the response to start and between two reads
          </span>
        </label>
        <fieldset>
          <legend>
            Retry on the next server when (nginx <code>proxy_next_upstream</code>, HAProxy <code>retry-on</code>)
          </legend>
          {NEXT_UPSTREAM_CONDITIONS.map((condition) => (
            <label key={condition} className="proxy-settings__condition">
              <input type="checkbox" checked={conditions.includes(condition)} onChange={(e) => toggle(condition, e.target.checked)} />
              <code>{condition}</code> <span className="muted small">{CONDITION_WORDS[condition]}</span>
            </label>
          ))}
        </fieldset>
        <label>
          Tries (0 = no limit) <input type="number" value={tries} onChange={(e) => setTries(e.target.value)} />
          <span className="muted small">
            nginx <code>proxy_next_upstream_tries</code>, HAProxy <code>retries</code>
          </span>
        </label>
        <button type="submit" className="button" disabled={run.pending}>
          Apply
        </button>
        {message && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}, sameData);
