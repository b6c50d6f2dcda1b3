import { COMMANDS, type ArgSpec, type CommandArgs, type CommandName, type CommandResult, type LabCommands } from '../shared/command-table';
import { parseInput } from '../shared/schemas';
import type { Result } from '../shared/types';
import { LabError } from './lab-error';

/**
 * The one way into a Lab from outside: validate every argument with the
 * command's schema, run it, and turn any refusal into a Result. Used by
 * the control API and by the Electron IPC adapter alike.
 */
export async function runCommand(lab: LabCommands, name: string, args: readonly unknown[]): Promise<Result<unknown>> {
  if (!Object.hasOwn(COMMANDS, name)) return { ok: false, error: `unknown command "${name}"`, status: 404 };
  return run(lab, name as CommandName, args);
}

async function run<K extends CommandName>(lab: LabCommands, name: K, args: readonly unknown[]): Promise<Result<CommandResult<K>>> {
  const values: unknown[] = [];
  const specs: readonly ArgSpec[] = COMMANDS[name].args;
  for (const [index, spec] of specs.entries()) {
    const parsed = parseInput(spec.schema, args[index], spec.name);
    if (!parsed.ok) return { ok: false, error: parsed.error, field: parsed.field, status: 400 };
    values.push(parsed.value);
  }
  try {
    const command: (...a: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>> = lab[name];
    // Each value was just parsed by the schema of its position, which is what CommandArgs<K> is made of.
    const value = await command.apply(lab, values as CommandArgs<K>);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof LabError) {
      return { ok: false, error: error.message, status: error.status, ...(error.field ? { field: error.field } : {}) };
    }
    return { ok: false, error: error instanceof Error ? error.message : String(error), status: 500 };
  }
}
