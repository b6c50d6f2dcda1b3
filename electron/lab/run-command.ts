import type { LabCommandName } from '../shared/command-names';
import { LAB_COMMANDS } from '../shared/commands';
import { parseInput } from '../shared/schemas';
import type { Result } from '../shared/types';
import type { Lab } from './lab';
import { LabError } from './lab-error';

/**
 * The one way into a Lab from outside: validate every argument with the
 * command's schema, run it, and turn any refusal into a Result. Used by
 * the control API and by the Electron IPC adapter alike.
 */
export async function runCommand(lab: Lab, name: string, args: readonly unknown[]): Promise<Result<unknown>> {
  if (!Object.hasOwn(LAB_COMMANDS, name)) return { ok: false, error: `unknown command "${name}"`, status: 404 };
  const spec = LAB_COMMANDS[name as LabCommandName];
  const values: unknown[] = [];
  for (const [index, arg] of spec.entries()) {
    const parsed = parseInput(arg.schema, args[index], arg.name);
    if (!parsed.ok) return { ok: false, error: parsed.error, field: parsed.field, status: 400 };
    values.push(parsed.value);
  }
  try {
    const method = lab[name as LabCommandName] as (...a: unknown[]) => unknown;
    const value = await method.apply(lab, values);
    return { ok: true, value: value ?? null };
  } catch (error) {
    if (error instanceof LabError) {
      return { ok: false, error: error.message, status: error.status, ...(error.field ? { field: error.field } : {}) };
    }
    return { ok: false, error: error instanceof Error ? error.message : String(error), status: 500 };
  }
}
