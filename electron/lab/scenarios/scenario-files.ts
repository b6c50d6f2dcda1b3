import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFile, parseJsonText, type FileResult } from '../parse-file';
import { resourcePath } from '../resource-path';
import { scenarioSchema, type Scenario } from './scenario-schema';
import type { ScenarioList, ScenarioSummary } from '../../shared/scenario';

/** Where the scenario files live: one JSON file per scenario, named after its id. */
export function scenarioFolder(): string {
  return resourcePath('scenarios');
}

export type ScenarioResult = FileResult<Scenario>;

/** Validate a parsed scenario file; a bad one is refused with its first wrong field named. */
export function parseScenario(input: unknown): ScenarioResult {
  return parseFile(scenarioSchema, input, 'scenario');
}

/** `parseScenario` over a file's text; broken JSON is refused as the field `scenario`. */
export function parseScenarioJson(text: string): ScenarioResult {
  return parseJsonText(text, 'scenario', parseScenario);
}

export function summarize(scenario: Scenario): ScenarioSummary {
  const { id, title, source, summary, setup, steps } = scenario;
  return { id, title, source, summary, ports: setup.backends.map((b) => b.port), steps: steps.length };
}

/**
 * Every scenario in `folder`, in file-name order. A file that does not
 * validate, or whose id is not its file name, is left out and said why,
 * so one bad file never hides the others.
 */
export async function readScenarios(folder = scenarioFolder()): Promise<{ scenarios: Scenario[]; problems: string[] }> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const parsed = parseScenarioJson(await readFile(join(folder, name), 'utf8'));
    if (!parsed.ok) problems.push(`${name}: ${parsed.error}`);
    else if (`${parsed.value.id}.json` !== name) problems.push(`${name}: id "${parsed.value.id}" must match the file name`);
    else scenarios.push(parsed.value);
  }
  return { scenarios, problems };
}

/** The picker's list. */
export async function listScenarios(folder?: string): Promise<ScenarioList> {
  const { scenarios, problems } = await readScenarios(folder);
  return { scenarios: scenarios.map(summarize), problems };
}
