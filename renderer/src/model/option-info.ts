import type { InlineText } from './algorithm-info';

/**
 * What a setting does, in one line, and what nginx and HAProxy call it (either
 * may be absent). The methods and their hash keys are not here: the lab
 * reports them (see algorithm-info.ts).
 */
export interface OptionInfo {
  label: string;
  explain: string;
  nginx?: InlineText;
  haproxy?: InlineText;
}

export const TRUST_FORWARDED_FOR_INFO: OptionInfo = {
  label: 'Trust X-Forwarded-For (one laptop plays many clients)',
  explain: 'The client is the first X-Forwarded-For address, so curl -H "X-Forwarded-For: 10.0.0.7" is another client.',
  nginx: [{ code: 'set_real_ip_from' }, ' + ', { code: 'real_ip_header X-Forwarded-For;' }],
  haproxy: [{ code: 'option forwardfor' }, ' on the front proxy'],
};

export const STICKY_INFO: OptionInfo = {
  label: 'Sticky sessions (cookie)',
  explain: 'A cookie brings each browser back to the backend that first answered it, while that one is up.',
  nginx: [{ code: 'sticky cookie srv_id;' }, ' (nginx Plus)'],
  haproxy: [{ code: 'cookie SRV insert' }],
};

/** The per-server switches, as patchBackend names them. */
export type ServerFlag = 'backup' | 'down' | 'drain';
/** The per-server numbers, as patchBackend names them. */
export type ServerLimit = 'maxFails' | 'failTimeoutMs' | 'maxConns' | 'slowStartMs';

export const SERVER_FLAG_INFO: Record<ServerFlag, OptionInfo> = {
  backup: {
    label: 'Backup',
    explain: 'Gets requests only while no other server can take them.',
    nginx: [{ code: 'server … backup;' }],
    haproxy: [{ code: 'server … backup' }],
  },
  down: {
    label: 'Down (by hand)',
    explain: 'No requests; the process keeps running and hash mappings stay put.',
    nginx: [{ code: 'server … down;' }],
    haproxy: [{ code: 'set server … state maint' }],
  },
  drain: {
    label: 'Drain',
    explain: 'No new requests; requests in flight and sticky clients finish here.',
    haproxy: [{ code: 'set server … state drain' }],
  },
};

export const SERVER_LIMIT_INFO: Record<ServerLimit, OptionInfo & { unit?: string }> = {
  maxFails: {
    label: 'Max fails',
    explain: 'This many failed attempts within fail timeout disable it until the timeout passes (0: never).',
    nginx: [{ code: 'max_fails=1 fail_timeout=10s' }],
  },
  failTimeoutMs: {
    label: 'Fail timeout',
    unit: 'ms',
    explain: 'The window for max fails, and how long it then sits out before one probe request.',
    nginx: [{ code: 'max_fails=1 fail_timeout=10s' }],
  },
  maxConns: {
    label: 'Max conns',
    explain: 'At most this many requests in flight here; the rest go elsewhere (0: no limit).',
    nginx: [{ code: 'max_conns=N' }],
    haproxy: [{ code: 'maxconn N' }],
  },
  slowStartMs: {
    label: 'Slow start',
    unit: 'ms',
    explain: 'After it comes back, its weight ramps from almost 0 to full over this time (0: off).',
    nginx: [{ code: 'slow_start=30s' }, ' (nginx Plus)'],
    haproxy: [{ code: 'slowstart 30s' }],
  },
};
