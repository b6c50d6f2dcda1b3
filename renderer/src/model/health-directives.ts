import type { HealthCheckSettings } from '../../../electron/shared/types';
import type { InlineText } from './algorithm-info';

/** A duration as HAProxy and nginx write it: whole seconds as "2s", anything else in ms ("1500ms"). */
export function formatConfigTime(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

type CheckFields = Pick<HealthCheckSettings, 'path' | 'intervalMs' | 'rise' | 'fall'>;

/** HAProxy's active check with these settings: `option httpchk GET /health` + `check inter 2s rise 2 fall 3`. */
export function haproxyHealthCheck({ path, intervalMs, rise, fall }: CheckFields): InlineText {
  return [{ code: `option httpchk GET ${path}` }, ' + ', { code: `server … check inter ${formatConfigTime(intervalMs)} rise ${rise} fall ${fall}` }];
}

/** nginx Plus's `health_check` with the same settings (open-source nginx has only the passive max_fails). */
export function nginxHealthCheck({ path, intervalMs, rise, fall }: CheckFields): InlineText {
  return [{ code: `health_check uri=${path} interval=${formatConfigTime(intervalMs)} passes=${rise} fails=${fall};` }, ' (nginx Plus)'];
}
