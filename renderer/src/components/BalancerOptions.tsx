import { memo } from 'react';
import type { LabApi } from '../../../electron/shared/types';
import { readsClientAddress } from '../../../electron/shared/method-traits';
import { useMethodTraits } from '../model/algorithm-info';
import type { BalancerSettings } from '../model/balancer-settings';
import { HashKeyOption } from './HashKeyOption';
import { StickyOption } from './StickyOption';
import { TrustForwardedForOption } from './TrustForwardedForOption';

/**
 * The options that apply to the lab's method, by its traits: the hash key
 * (a method that reads one), trusting X-Forwarded-For (when a client address
 * is hashed) and sticky cookies (always). Each sends its own change.
 */
export const BalancerOptions = memo(function BalancerOptions({ api, settings }: { api: LabApi; settings: BalancerSettings }) {
  const method = useMethodTraits(settings.algorithm);
  return (
    <div className="balancer-options" role="group" aria-label="Balancer options">
      {method && method.hashKeys.length > 0 && <HashKeyOption api={api} settings={settings} keys={method.hashKeys} />}
      {method && readsClientAddress(method, settings.hashKey) && <TrustForwardedForOption api={api} settings={settings} />}
      <StickyOption api={api} settings={settings} />
    </div>
  );
});
