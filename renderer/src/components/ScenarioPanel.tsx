import { memo, useId, useState } from 'react';
import type { ScenarioProgress, ScenarioStatus, StepView } from '../../../electron/shared/scenario';
import type { LabApi, Result } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { useLabRead } from '../hooks/use-lab-read';
import { backtickCode } from '../model/backtick-code';
import { sameData } from '../model/same-data';
import { numberFromInput } from '../model/validate-input';
import { FieldError } from './FieldError';
import { InlineCode } from './InlineCode';
import './ScenarioPanel.css';

export interface ScenarioPanelProps {
  api: LabApi;
  /** The snapshot's scenario position: the whole status is fetched again whenever it moves. */
  progress: ScenarioProgress;
  /** Backends running now: loading a scenario replaces them, so the panel asks first. */
  backends: number;
}

const STATE_WORDS: Record<StepView['state'], string> = {
  pending: 'not yet',
  ready: 'ready',
  waiting: 'waiting for you',
  doing: 'running…',
  passed: 'passed',
  failed: 'did not pass',
};

/**
 * The tutorials' stories, guided: pick one, load it (the lab asks before
 * replacing what runs), then go step by step. A step is done by the lab
 * when asked, or is the person's own ("stop 8000") and the lab watches for
 * it; either way the lab checks what happened and says it in words.
 */
function ScenarioPanelView({ api, progress, backends }: ScenarioPanelProps) {
  const id = useId();
  const [list] = useLabRead(api.scenarios, null);
  const [picking, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [basePort, setBasePort] = useState('');
  const [status, setStatus] = useLabRead(api.scenarioStatus, progress.version);
  const command = useCommand();
  const chosen = picking || (list?.scenarios[0]?.id ?? '');

  const load = async (replace: boolean): Promise<void> => {
    if (!replace && backends > 0) return setConfirming(true);
    setConfirming(false);
    const from = basePort.trim() === '' ? {} : { basePort: numberFromInput(basePort) };
    const reply = await command.run(() => api.loadScenario({ id: chosen, replace, ...from }));
    if (reply.ok) setStatus(reply.value);
  };
  const act = async (what: () => Promise<Result<ScenarioStatus>>): Promise<void> => {
    const reply = await command.run(what);
    if (reply.ok) setStatus(reply.value);
  };

  const active = status !== null && status.state !== 'idle' ? status : null;
  const picked = list?.scenarios.find((s) => s.id === chosen) ?? null;
  return (
    <section className="panel scenario" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Guided scenarios</h2>
      {active ? (
        <ActiveScenario status={active} pending={command.pending} onDo={() => void act(api.scenarioDo)} onNext={() => void act(api.scenarioNext)} onClose={() => void act(api.closeScenario)} />
      ) : (
        <>
          <div className="scenario__form">
            <div className="field">
              <label htmlFor={`${id}-pick`}>Scenario</label>
              <select id={`${id}-pick`} value={chosen} onChange={(e) => (setChosen(e.target.value), setConfirming(false))}>
                {list?.scenarios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-base`}>First port</label>
              <input id={`${id}-base`} type="number" min={1} max={65535} placeholder={picked ? String(Math.min(...picked.ports)) : ''} value={basePort} onChange={(e) => setBasePort(e.target.value)} aria-describedby={`${id}-base-hint`} />
            </div>
            <button type="button" className="button" disabled={!picked || command.pending} onClick={() => void load(false)}>
              Load scenario
            </button>
          </div>
          <p id={`${id}-base-hint`} className="muted small">
            Leave the first port empty to use the tutorial’s own ports; a port another program holds is skipped.
          </p>
          {picked && (
            <>
              <p className="small">{picked.summary}</p>
              <p className="muted small">
                From: <InlineCode text={backtickCode(picked.source)} /> · backends on {picked.ports.join(', ')} · {picked.steps} steps
              </p>
            </>
          )}
          {confirming && picked && (
            <div className="scenario__confirm" role="alertdialog" aria-label="Replace the running lab?">
              <span>
                Loading “{picked.title}” replaces the {backends} backend(s) running now and the lab’s settings.
              </span>
              <button type="button" className="button button--primary" onClick={() => void load(true)}>
                Replace and load
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          )}
          {list && list.problems.length > 0 && <p className="muted small">Left out: {list.problems.join('; ')}</p>}
        </>
      )}
      <FieldError id={`${id}-error`} message={command.error} />
    </section>
  );
}

interface ActiveProps {
  status: ScenarioStatus;
  pending: boolean;
  onDo(): void;
  onNext(): void;
  onClose(): void;
}

function ActiveScenario({ status, pending, onDo, onNext, onClose }: ActiveProps) {
  const { scenario, steps, current } = status;
  const step = steps[current];
  const doing = step?.state === 'doing';
  const done = status.state === 'done';
  const passed = steps.filter((s) => s.state === 'passed').length;
  return (
    <>
      <p>
        <strong>{scenario?.title}</strong>{' '}
        <span className="muted small">{done ? `done: ${passed} of ${steps.length} steps passed` : `step ${current + 1} of ${steps.length}`}</span>
      </p>
      {status.problems.length > 0 && <p className="field-error">{status.problems.join('; ')}</p>}
      <ol className="scenario__steps">
        {steps.map((s, i) => (
          <li key={i} className={i === current && !done ? 'scenario__step--current' : undefined} aria-current={i === current && !done ? 'step' : undefined}>
            <span>{s.title}</span> <span className="muted small">({STATE_WORDS[s.state]})</span>
            {i === current && !done && <StepDetail step={s} />}
            {i !== current && s.checks.length > 0 && (
              <div className="small">
                <Checks step={s} />
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="scenario__buttons">
        {!done && step && (
          <button type="button" className="button button--primary" disabled={pending || doing} onClick={onDo}>
            {doLabel(step)}
          </button>
        )}
        {!done && (
          <button type="button" className="button" disabled={pending || doing} onClick={onNext}>
            {current + 1 === steps.length ? 'Finish' : 'Next step'}
          </button>
        )}
        <button type="button" className="button" disabled={pending} onClick={onClose}>
          Close scenario
        </button>
      </div>
    </>
  );
}

/** The step's button: the lab does its action (or, for a step that only explains, runs its checks). */
function doLabel(step: StepView): string {
  const again = step.state === 'passed' || step.state === 'failed' ? ' again' : '';
  if (!step.action) return `Check${again}`;
  return step.by === 'you' && step.state === 'waiting' ? 'Do it for me' : `Do it${again}`;
}

function StepDetail({ step }: { step: StepView }) {
  return (
    <div className="small">
      <p>
        <InlineCode text={backtickCode(step.text)} />
      </p>
      {step.action && (
        <p className="muted">
          {step.by === 'you' ? 'Your turn: ' : 'The lab will: '}
          {step.action}
          {step.state === 'waiting' && ' (the lab is watching for it)'}
        </p>
      )}
      {step.error && <p className="field-error">{step.error}</p>}
      <Checks step={step} />
    </div>
  );
}

function Checks({ step }: { step: StepView }) {
  if (step.checks.length === 0) return null;
  return (
    <ul className="scenario__checks" aria-label={`Checks of ${step.title}`}>
      {step.checks.map((check, i) => (
        <li key={i} className={check.ok ? 'scenario__check--ok' : 'scenario__check--failed'}>
          {check.words}
        </li>
      ))}
    </ul>
  );
}

/** Re-renders when the scenario's position or the number of backends changes, not for every snapshot's new (equal) progress. */
export const ScenarioPanel = memo(ScenarioPanelView, sameData);
