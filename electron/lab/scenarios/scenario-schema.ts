import { z } from 'zod';
import { compareInputSchema } from '../../shared/compare';
import { faultSchema } from '../../shared/fault';
import { loadInputSchema } from '../../shared/load';
import { scenarioIdSchema } from '../../shared/scenario';
import { backendActionSchema, healthPathSchema, patchBackendSchema, setBalancerSchema } from '../../shared/schemas';
import { BACKEND_STATUSES } from '../../shared/types';
import { labSetupSchema } from '../setup/setup-schema';

/** The one version of the scenario format this lab reads. */
export const SCENARIO_VERSION = 1;

const port = z.number().int().min(1).max(65535);
const share = z.number().min(0).max(1);
const count = z.number().int().min(0).max(10_000_000);
const words = (max: number) => z.string().trim().min(1).max(max);

/** Backend actions a person can also do from a backend's row. */
const backendAction = z.strictObject({ kind: z.literal('backend'), port, action: backendActionSchema });

/**
 * Requests one after another through the proxy, as F5 presses. `session`
 * keeps the sample backend's session cookie, as a browser does; `clients`
 * plays that many client addresses in turn (X-Forwarded-For).
 */
const requestsAction = z.strictObject({
  kind: z.literal('requests'),
  count: z.number().int().min(1).max(1000),
  path: healthPathSchema.optional(),
  session: z.boolean().optional(),
  clients: z.number().int().min(1).max(256).optional(),
});

const patchAction = z.strictObject({ kind: z.literal('patch'), port, changes: patchBackendSchema });
const balancerAction = z.strictObject({ kind: z.literal('balancer'), balancer: setBalancerSchema });
const faultAction = z.strictObject({ kind: z.literal('fault'), port, fault: faultSchema.nullable() });

/** What can happen halfway through a hammer run ("kill 4001 while the load runs"). */
const midwayAction = z.discriminatedUnion('kind', [backendAction, patchAction, faultAction]);

/** The hammer, waited for to its end; `midway` is done once half its requests (or half its time) went out. */
const loadAction = z.strictObject({ kind: z.literal('load'), load: loadInputSchema, midway: midwayAction.optional() });
/** A comparison of two methods or settings, waited for to its end. */
const compareAction = z.strictObject({ kind: z.literal('compare'), compare: compareInputSchema });

export const scenarioActionSchema = z.discriminatedUnion('kind', [backendAction, requestsAction, patchAction, balancerAction, faultAction, loadAction, compareAction]);
export type ScenarioAction = z.infer<typeof scenarioActionSchema>;
/** What a person can be asked to do themselves, and the lab can see done in its snapshot. */
export const PERSON_ACTIONS: readonly ScenarioAction['kind'][] = ['backend', 'requests', 'patch', 'balancer', 'fault'];

const range = { min: share.optional(), max: share.optional() };
const countRange = { equals: count.optional(), min: count.optional(), max: count.optional() };

/**
 * Checks run after a step's action, over what happened during the step
 * (counters are read before and after). Each says its result in words with
 * the measured figures.
 */
export const scenarioCheckSchema = z.discriminatedUnion('kind', [
  /** `port` took no request after the step's backend action (or fault) took effect. */
  z.strictObject({ kind: z.literal('noNewHits'), port }),
  /** No client saw a failure: every request of the step got an answer below 500. */
  z.strictObject({ kind: z.literal('noFailed') }),
  /** Requests `port` answered during the step. */
  z.strictObject({ kind: z.literal('hits'), port, ...countRange }),
  /** `port`'s share (0-1) of the requests answered during the step. */
  z.strictObject({ kind: z.literal('share'), port, ...range }),
  /** Attempts on `port` that failed during the step (each retried elsewhere, or not). */
  z.strictObject({ kind: z.literal('failures'), port, ...countRange }),
  /** `port`'s state when the step ends. */
  z.strictObject({ kind: z.literal('backend'), port, status: z.array(z.enum(BACKEND_STATUSES)).min(1).optional(), inRotation: z.boolean().optional(), failed: z.boolean().optional() }),
  /** Whether the visitor of a `requests` step with `session` kept one session all along. */
  z.strictObject({ kind: z.literal('session'), kept: z.boolean() }),
  /** `port`'s terminal logged a line containing `text` for each request it answered during the step. */
  z.strictObject({ kind: z.literal('terminal'), port, text: words(200) }),
  /** In a compare step: side `smaller` sent `port` at most `ratio` times the other side's share. */
  z.strictObject({ kind: z.literal('compareShare'), port, smaller: z.enum(['a', 'b']), ratio: z.number().min(0).max(1).optional() }),
]);
export type ScenarioCheck = z.infer<typeof scenarioCheckSchema>;

export const scenarioStepSchema = z.strictObject({
  title: words(120),
  /** What is going on and what to watch; `{8000}` names the backend declared on 8000 (the lab writes its real port). */
  text: words(2000),
  by: z.enum(['lab', 'you']).optional(),
  do: scenarioActionSchema.optional(),
  checks: z.array(scenarioCheckSchema).max(20).optional(),
});
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;

/** Checks that read the counters across the step, which a comparison resets between its runs. */
const COUNTER_CHECKS: readonly ScenarioCheck['kind'][] = ['noNewHits', 'hits', 'share', 'failures', 'terminal'];

/** A `{port}` in a step's text. */
export const PORT_REFERENCE = /\{(\d{1,5})\}/g;

/**
 * One scenario file: a lab setup (the setup file's own format, as it is)
 * and the steps that walk a person through it. Every port a step names
 * must be one of the setup's backends.
 */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().max(2000).optional(),
    version: z.literal(SCENARIO_VERSION),
    id: scenarioIdSchema,
    title: words(120),
    source: words(300),
    summary: words(1000),
    setup: labSetupSchema,
    steps: z.array(scenarioStepSchema).min(1).max(30),
  })
  .superRefine((scenario, ctx) => {
    const ports = new Set(scenario.setup.backends.map((b) => b.port));
    const need = (value: number, path: (string | number)[]): void => {
      if (!ports.has(value)) ctx.addIssue({ code: 'custom', path, message: `port ${value} is not one of the setup's backends (${[...ports].join(', ')})` });
    };
    scenario.steps.forEach((step, i) => {
      for (const [field, text] of [['title', step.title], ['text', step.text]] as const) {
        for (const match of text.matchAll(PORT_REFERENCE)) need(Number(match[1]), ['steps', i, field]);
      }
      const action = step.do;
      if (action && 'port' in action) need(action.port, ['steps', i, 'do', 'port']);
      if (action?.kind === 'load' && action.midway) need(action.midway.port, ['steps', i, 'do', 'midway', 'port']);
      step.checks?.forEach((check, j) => {
        if ('port' in check) need(check.port, ['steps', i, 'checks', j, 'port']);
        if (action?.kind === 'compare' && COUNTER_CHECKS.includes(check.kind)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'checks', j, 'kind'], message: `a comparison resets the counters between its runs: use compareShare, not ${check.kind}` });
        if (check.kind === 'compareShare' && action?.kind !== 'compare') ctx.addIssue({ code: 'custom', path: ['steps', i, 'checks', j, 'kind'], message: 'compareShare needs a compare step' });
        if (check.kind === 'session' && !(action?.kind === 'requests' && action.session)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'checks', j, 'kind'], message: 'session needs a requests step with session: true' });
      });
      if (step.by === 'you' && (!action || !PERSON_ACTIONS.includes(action.kind))) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'by'], message: `a person can be asked to do only ${PERSON_ACTIONS.join(', ')}; the lab runs the rest` });
      }
    });
  });
export type Scenario = z.infer<typeof scenarioSchema>;
