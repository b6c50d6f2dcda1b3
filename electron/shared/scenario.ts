import { z } from 'zod';

/**
 * Guided scenarios: the tutorials' stories as data files
 * (`resources/scenarios/*.json`, schema in electron/lab/scenarios). What
 * crosses a boundary lives here: the load command's input, and the status
 * a UI shows.
 */

/** A scenario's id: its file name without `.json`. */
export const scenarioIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'a scenario id is lowercase letters, digits and dashes');

/** `POST /api/scenario`. */
export const loadScenarioSchema = z.strictObject({
  id: scenarioIdSchema,
  /** Move the scenario's backends so the first lands here (the others keep their distance), e.g. when 8000 is taken. */
  basePort: z.number().int().min(1).max(65535).optional(),
  /** Loading replaces the lab's backends; while it has any, the lab asks first (409) unless this is true. */
  replace: z.boolean().optional(),
});
export type LoadScenarioInput = z.infer<typeof loadScenarioSchema>;

/** One entry of the picker. */
export interface ScenarioSummary {
  id: string;
  title: string;
  /** The tutorial it comes from, in a few words. */
  source: string;
  summary: string;
  /** The backends' ports as the file declares them. */
  ports: number[];
  steps: number;
}

/** `GET /api/scenarios`: the valid files, and why any other file was left out. */
export interface ScenarioList {
  scenarios: ScenarioSummary[];
  problems: string[];
}

/**
 * `pending`: not reached yet; `ready`: the lab does it when asked;
 * `waiting`: the lab watches for the person to do it; `doing`: the action or
 * its checks are running; `passed`/`failed`: what the checks found.
 */
export const STEP_STATES = ['pending', 'ready', 'waiting', 'doing', 'passed', 'failed'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** One check after a step, in words with the measured figures ("8000 took no requests after it stopped"). */
export interface CheckOutcome {
  ok: boolean;
  words: string;
}

export interface StepView {
  title: string;
  /** The step's explanation, with the lab's real ports in it. */
  text: string;
  /** `lab`: the lab does it when asked; `you`: the lab waits for the person (and can still do it for them). */
  by: 'lab' | 'you';
  /** What the action is, in words ("stop 8000"); null for a step that only explains. */
  action: string | null;
  state: StepState;
  checks: CheckOutcome[];
  /** Why the action could not be done, in words. */
  error: string | null;
}

export interface ScenarioStatus {
  /** `active` while a scenario is loaded and its steps are not all behind; `done` after the last. */
  state: 'idle' | 'active' | 'done';
  scenario: ScenarioSummary | null;
  /** Each port the file declares → the port its backend runs on. */
  ports: Record<string, number>;
  /** Index of the current step. */
  current: number;
  steps: StepView[];
  /** What loading could not do as the file says (a port taken, a backend that did not come up). */
  problems: string[];
}

/** What the snapshot carries: enough to know when to ask for the whole status again. */
export interface ScenarioProgress {
  id: string | null;
  current: number;
  state: StepState | null;
  /** Grows on every change of the status. */
  version: number;
}

export const IDLE_SCENARIO: ScenarioStatus = { state: 'idle', scenario: null, ports: {}, current: 0, steps: [], problems: [] };
