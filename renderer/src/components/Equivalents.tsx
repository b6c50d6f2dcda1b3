import type { InlineText } from '../model/algorithm-info';
import { InlineCode } from './InlineCode';

export interface EquivalentsProps {
  nginx?: InlineText;
  haproxy?: InlineText;
}

/** "nginx: `…` · HAProxy: `…`", whichever of the two exists. */
export function Equivalents({ nginx, haproxy }: EquivalentsProps) {
  return (
    <>
      {nginx && (
        <>
          <span className="muted">nginx:</span> <InlineCode text={nginx} />
        </>
      )}
      {nginx && haproxy && <span className="muted"> · </span>}
      {haproxy && (
        <>
          <span className="muted">HAProxy:</span> <InlineCode text={haproxy} />
        </>
      )}
    </>
  );
}
