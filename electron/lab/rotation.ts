import type { BackendConfig } from './backend-config';
import type { Clock } from './clock';
import type { Balancer, BalancerAlgorithm, Peer } from './balancer/types';
import { waitUntil } from './wait-until';

/** What rotation reads about each backend; it never writes any of it. */
export interface RotationInputs {
  configs(): BackendConfig[];
  config(port: number): BackendConfig | undefined;
  /** The backend's process is up. */
  isUp(port: number): boolean;
  /** Active health checks have it out. */
  isFailingHealth(port: number): boolean;
}

/**
 * The one owner of selection state: the balancer, and which backends a
 * stop is draining. Everything that puts a backend in or out of rotation,
 * reloads the configuration or starts a slow start goes through here.
 */
export class Rotation {
  private readonly draining = new Set<number>();

  constructor(
    private readonly balancer: Balancer,
    private readonly inputs: RotationInputs,
    private readonly clock: Clock,
  ) {}

  get algorithm(): BalancerAlgorithm {
    return this.balancer.algorithm;
  }

  get peers(): readonly Peer[] {
    return this.balancer.peers;
  }

  peer(port: number): Peer | undefined {
    return this.balancer.peers.find((p) => p.id === port);
  }

  /** A stop is draining it: out of rotation until the stop is over. */
  isDraining(port: number): boolean {
    return this.draining.has(port);
  }

  /** Apply the backends' configuration as an nginx reload does, then their live states. */
  reload(): void {
    this.reloadWith(this.balancer.algorithm, this.inputs.configs());
  }

  /**
   * Reload with another method or server list. Throws, with nothing
   * changed, when the balancer refuses it (backup with a method nginx does
   * not allow it with).
   */
  reloadWith(algorithm: BalancerAlgorithm, configs: readonly BackendConfig[]): void {
    this.balancer.configure(algorithm, configs);
    for (const config of this.inputs.configs()) this.sync(config.id);
  }

  /**
   * Copy what the lab knows onto the peer. `down` (nginx's: no requests, hash
   * keys move on to the next peer without remapping the others) is any of:
   * the process is not up, a stop is draining it, it is marked down by hand,
   * or health checks have it failing. `drain` is the hand-set HAProxy drain.
   */
  sync(port: number): void {
    const config = this.inputs.config(port);
    const peer = this.peer(port);
    if (!config || !peer) return;
    peer.down = !this.inputs.isUp(port) || this.draining.has(port) || config.down || this.inputs.isFailingHealth(port);
    peer.drain = config.drain;
  }

  /** Take `port` out of rotation for a stop, then wait (bounded) for its in-flight requests. Returns how many were in flight. */
  async drain(port: number, timeoutMs: number): Promise<number> {
    this.draining.add(port);
    this.sync(port);
    const peer = this.peer(port);
    const inFlight = peer?.conns ?? 0;
    if (peer) await waitUntil(() => peer.conns === 0, timeoutMs);
    return inFlight;
  }

  /** The stop is over (the process is gone or the stop failed). */
  endDrain(port: number): void {
    this.draining.delete(port);
    this.sync(port);
  }

  /**
   * The process came up. Slow start is for a backend coming back, not for
   * its first start (nginx Plus and HAProxy alike).
   */
  cameUp(port: number, firstStart: boolean): void {
    this.sync(port);
    const peer = this.peer(port);
    if (!peer) return;
    if (firstStart) this.balancer.revive(peer);
    else this.balancer.recovered(peer, this.clock.now());
  }

  /**
   * Back from `down` by hand or from failing health checks: forget its
   * failures and start its slow start, as nginx Plus does. Only if nothing
   * else keeps it out. Returns whether it is back.
   */
  recovered(port: number): boolean {
    this.sync(port);
    const peer = this.peer(port);
    if (!peer || peer.down) return false;
    this.balancer.recovered(peer, this.clock.now());
    return true;
  }
}
