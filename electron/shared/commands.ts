import type { z } from 'zod';
import { addBackendsSchema, backendActionSchema, patchBackendSchema, portParamSchema, setBalancerSchema, setHealthSchema } from './schemas';
import type { LabCommandName } from './command-names';

/** A command's positional argument: its name (for error messages) and schema. */
export interface CommandArg {
  name: string;
  schema: z.ZodType;
}

const port: CommandArg = { name: 'port', schema: portParamSchema };

/**
 * The schema of every argument of every command: the control API and the
 * IPC adapter both validate through this table (via runCommand).
 */
export const LAB_COMMANDS: Record<LabCommandName, readonly CommandArg[]> = {
  snapshot: [],
  addBackends: [{ name: 'body', schema: addBackendsSchema }],
  backendAction: [port, { name: 'action', schema: backendActionSchema }],
  removeBackend: [port],
  patchBackend: [port, { name: 'body', schema: patchBackendSchema }],
  setBalancer: [{ name: 'body', schema: setBalancerSchema }],
  setHealth: [{ name: 'body', schema: setHealthSchema }],
  resetStats: [],
};
