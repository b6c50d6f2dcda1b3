import type { FaultSetup } from './setup-schema';

/** A fault in plain words for a config comment ("latency 200ms ±50ms, 10% answered 503"); null when it does nothing. */
export function describeFault(fault: FaultSetup | undefined): string | null {
  if (!fault) return null;
  const parts: string[] = [];
  if (fault.latencyMs) parts.push(`latency ${fault.latencyMs}ms${fault.jitterMs ? ` ±${fault.jitterMs}ms` : ''}`);
  if (fault.errorRate) parts.push(`${percent(fault.errorRate)} answered ${fault.errorStatus ?? 500}`);
  if (fault.resetRate) parts.push(`${percent(fault.resetRate)} reset`);
  if (fault.hang) parts.push('hangs every request');
  if (fault.unreachable) parts.push('unreachable (every connect times out)');
  return parts.length > 0 ? parts.join(', ') : null;
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
