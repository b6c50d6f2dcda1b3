import { memo } from 'react';
import type { LabApi } from '../../../electron/shared/types';
import { hashesClientAddress, type BalancerSettings } from '../model/balancer-settings';
import { HashKeyOption } from './HashKeyOption';
import { StickyOption } from './StickyOption';
import { TrustForwardedForOption } from './TrustForwardedForOption';

/**
 * The options that apply to the lab's method: the hash key (hash only),
 * trusting X-Forwarded-For (when a client address is hashed) and sticky
 * cookies (always). Each sends the whole settings with its own change.
 */
export const BalancerOptions = memo(function BalancerOptions({ api, settings }: { api: LabApi; settings: BalancerSettings }) {
  return (
    <div className="balancer-options" role="group" aria-label="Balancer options">
      {settings.algorithm === 'hash' && <HashKeyOption api={api} settings={settings} />}
      {hashesClientAddress(settings) && <TrustForwardedForOption api={api} settings={settings} />}
      <StickyOption api={api} settings={settings} />
    </div>
  );
});
