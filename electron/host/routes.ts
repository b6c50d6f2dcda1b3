import type { LabCommandName } from '../shared/command-names';

/** A control API route resolved to the lab command it runs. */
export interface RouteMatch {
  command: LabCommandName;
  /** Positional arguments before the body (the port, an action). */
  params: unknown[];
  /** Whether the JSON body is the command's last argument. */
  takesBody: boolean;
}

const BACKEND_ACTION = /^\/api\/backends\/([^/]+)\/(start|stop|kill|restart)$/;
const BACKEND = /^\/api\/backends\/([^/]+)$/;

/**
 * The control API's routes, exactly as documented in the README. Returns
 * null for an unknown route; the port is passed raw so the command's own
 * schema reports a bad one.
 */
export function matchRoute(method: string, path: string): RouteMatch | null {
  if (method === 'GET' && path === '/api/snapshot') return { command: 'snapshot', params: [], takesBody: false };
  if (method === 'POST' && path === '/api/backends') return { command: 'addBackends', params: [], takesBody: true };
  if (method === 'PUT' && path === '/api/balancer') return { command: 'setBalancer', params: [], takesBody: true };
  if (method === 'PUT' && path === '/api/health') return { command: 'setHealth', params: [], takesBody: true };
  if (method === 'POST' && path === '/api/stats/reset') return { command: 'resetStats', params: [], takesBody: false };
  const action = BACKEND_ACTION.exec(path);
  if (method === 'POST' && action) return { command: 'backendAction', params: [action[1], action[2]], takesBody: false };
  const backend = BACKEND.exec(path);
  if (backend && method === 'DELETE') return { command: 'removeBackend', params: [backend[1]], takesBody: false };
  if (backend && method === 'PATCH') return { command: 'patchBackend', params: [backend[1]], takesBody: true };
  return null;
}
