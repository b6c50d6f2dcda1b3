import { leastConnPick } from '../least-conn';
import type { Method } from './method';
import { roundRobinFamily } from './round-robin-family';

/** nginx's `least_conn` (ngx_http_upstream_least_conn_module.c). */
export const leastConn: Method = {
  traits: {
    name: 'least-conn',
    explain: 'The backend with the fewest requests in flight per weight; ties go by weighted round-robin.',
    nginx: [{ code: 'least_conn;' }],
    nginxName: 'least_conn',
    haproxy: [{ code: 'balance leastconn' }],
    usesWeights: true,
    allowsBackup: true,
    slowStart: true,
    reads: 'nothing',
    hashKeys: [],
  },
  createPicker: roundRobinFamily(leastConnPick),
};
