import { COMMANDS, COMMAND_NAMES, type CommandName } from '../shared/command-table';

/** A control API route resolved to the lab command it runs. */
export interface RouteMatch {
  command: CommandName;
  /** The command's arguments in order; the body's place holds BODY until it is read. */
  args: unknown[];
  /** Whether one argument is the JSON body. */
  takesBody: boolean;
}

/** Stands for the request body among a route's arguments until it is read. */
export const BODY = Symbol('body');

interface CompiledRoute {
  command: CommandName;
  method: string;
  segments: string[];
}

/** Literal segments first, so `/api/backends/:port/output` is never read as an action. */
const ROUTES: CompiledRoute[] = COMMAND_NAMES.map((command) => ({
  command,
  method: COMMANDS[command].method,
  segments: COMMANDS[command].path.split('/').slice(1),
})).sort((a, b) => literals(b) - literals(a));

function literals(route: CompiledRoute): number {
  return route.segments.filter((s) => !s.startsWith(':')).length;
}

/**
 * Resolve a request to its command, from the command table. Returns null
 * for an unknown route; parameters are passed raw (decoded) so the
 * command's own schema reports a bad one. `path` must decode (the server
 * answers a malformed percent-escape with 400 before it gets here).
 */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const parts = path.split('/').slice(1);
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params = new Map<string, string>();
    const fits = route.segments.every((segment, i) => {
      if (segment.startsWith(':')) {
        params.set(segment.slice(1), decodeURIComponent(parts[i]!));
        return true;
      }
      return segment === parts[i];
    });
    if (!fits) continue;
    const specs = COMMANDS[route.command].args;
    const args = specs.map((spec) => (spec.name === 'body' ? BODY : params.get(spec.name)));
    return { command: route.command, args, takesBody: specs.some((spec) => spec.name === 'body') };
  }
  return null;
}
