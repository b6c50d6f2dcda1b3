import { memo, useMemo } from 'react';
import type { Algorithm, HashKey, LabApi } from '../../../electron/shared/types';
import type { BalancerSettings } from '../model/balancer-settings';
import { AlgorithmPicker } from './AlgorithmPicker';
import { BalancerOptions } from './BalancerOptions';
import { ResetCountersButton } from './ResetCountersButton';
import { Totals } from './Totals';

export interface LabHeaderProps {
  api: LabApi;
  url: string;
  algorithm: Algorithm;
  hashKey: HashKey;
  trustForwardedFor: boolean;
  sticky: boolean;
  requests: number;
  rps: number;
  errors: number;
}

/** The proxy URL to open, the balancing method and its options, the totals and the reset. Primitive props: re-renders only on a change. */
export const LabHeader = memo(function LabHeader({ api, url, algorithm, hashKey, trustForwardedFor, sticky, requests, rps, errors }: LabHeaderProps) {
  const settings = useMemo((): BalancerSettings => ({ algorithm, hashKey, trustForwardedFor, sticky }), [algorithm, hashKey, trustForwardedFor, sticky]);
  return (
    <header className="lab-header">
      <div className="lab-header__top">
        <h1>Load Balancer Lab</h1>
        <p className="proxy-url">
          <span className="muted">Proxy</span>{' '}
          <a href={url} target="_blank" rel="noreferrer">
            {url}
          </a>
        </p>
        <Totals requests={requests} rps={rps} errors={errors} />
        <ResetCountersButton api={api} />
      </div>
      <AlgorithmPicker api={api} settings={settings} />
      <BalancerOptions api={api} settings={settings} />
    </header>
  );
});
