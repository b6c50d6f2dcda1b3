import { memo } from 'react';
import type { Algorithm, LabApi } from '../../../electron/shared/types';
import { AlgorithmPicker } from './AlgorithmPicker';
import { ResetCountersButton } from './ResetCountersButton';
import { Totals } from './Totals';

export interface LabHeaderProps {
  api: LabApi;
  url: string;
  algorithm: Algorithm;
  requests: number;
  rps: number;
  errors: number;
}

/** The proxy URL to open, the balancing method, the totals and the reset. Primitive props: re-renders only on a change. */
export const LabHeader = memo(function LabHeader({ api, url, algorithm, requests, rps, errors }: LabHeaderProps) {
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
      <AlgorithmPicker api={api} algorithm={algorithm} />
    </header>
  );
});
