import type { LoadPlan } from '../../shared/load';

/** What varies from one request to the next. */
export interface RequestShape {
  path: string;
  /** The simulated client address, or null when the plan simulates none. */
  forwardedFor: string | null;
}

/**
 * Paths in proportion to their weights, spread out evenly (nginx's smooth
 * weighted round-robin, so a short run already has the exact shares), and
 * simulated clients in turn.
 */
export class RequestMix {
  private readonly paths: { path: string; weight: number; current: number }[];
  private readonly totalWeight: number;
  private readonly clients: number;
  private client = 0;

  constructor(plan: Pick<LoadPlan, 'paths' | 'clients'>) {
    this.clients = plan.clients;
    this.paths = plan.paths.map((p) => ({ ...p, current: 0 }));
    this.totalWeight = this.paths.reduce((sum, p) => sum + p.weight, 0);
  }

  next(): RequestShape {
    return { path: this.nextPath(), forwardedFor: this.nextClient() };
  }

  private nextPath(): string {
    let best = this.paths[0]!;
    for (const p of this.paths) {
      p.current += p.weight;
      if (p.current > best.current) best = p;
    }
    best.current -= this.totalWeight;
    return best.path;
  }

  private nextClient(): string | null {
    if (this.clients === 0) return null;
    const i = this.client;
    this.client = (this.client + 1) % this.clients;
    return clientAddress(i);
  }
}

/** Client `i` as 10.<i/256>.<i%256>.1: each in a /24 of its own, since ip_hash hashes the first three octets. */
export function clientAddress(i: number): string {
  return `10.${(i >> 8) & 255}.${i & 255}.1`;
}
