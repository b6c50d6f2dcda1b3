import type { MethodTraits } from '../../../shared/method-traits';
import type { PickContext } from '../pick-context';
import type { Peer, RequestInfo } from '../types';

/** Everything a method's picker may read for one pick. */
export interface PickInput {
  /** Every peer, in config order (backups included). */
  peers: readonly Peer[];
  tried: ReadonlySet<Peer> | null;
  request: RequestInfo | undefined;
  /** The weight to select with now: the method's base weight, ramped by slow start where the method has it. */
  weightOf: (peer: Peer) => number;
  /** Whether the peer may take this attempt (not tried, down, draining, failed or full). */
  usable: (peer: Peer) => boolean;
  /** The state hashing and random methods need; built only when asked for. */
  context: () => PickContext;
}

/** One pick: the chosen peer, or null when none is usable. Counting the pick is the balancer's job. */
export type Picker = (input: PickInput) => Peer | null;

/** What a method gets when the balancer is (re)configured, as nginx reads its config. */
export interface PickerSetup {
  peers: readonly Peer[];
  /** The configured weight as this method counts it (see `traits.usesWeights`). */
  baseWeight: (peer: Peer) => number;
  /** Uniform in [0, 1). */
  random: () => number;
}

/** One balancing method: its traits, and the factory of its picker (called on every configure). */
export interface Method {
  readonly traits: MethodTraits;
  createPicker(setup: PickerSetup): Picker;
}
