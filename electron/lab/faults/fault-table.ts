import { faultSchema, type Fault } from '../../shared/fault';
import { parseInput } from '../../shared/schemas';
import { LabError } from '../lab-error';

/**
 * The active fault of each backend port. `active` is null while no backend
 * has one, so the proxy's hot path tests one field and reads no Map at all
 * (the layer's only cost when it is not used).
 */
export class FaultTable {
  /** Faults by port; null (not an empty Map) whenever there are none. */
  active: Map<number, Readonly<Fault>> | null = null;

  /**
   * Set (replace) the fault of `port`, validated with the shared schema.
   * Throws a 400 LabError naming the bad field, and changes nothing, when
   * `input` is not a valid fault.
   */
  set(port: number, input: unknown): Readonly<Fault> {
    const parsed = parseInput(faultSchema, input, 'fault');
    if (!parsed.ok) throw new LabError(parsed.error, 400, parsed.field);
    const fault = Object.freeze({ ...parsed.value });
    (this.active ??= new Map()).set(port, fault);
    return fault;
  }

  /** Remove the fault of `port`; true when it had one. */
  clear(port: number): boolean {
    if (this.active === null || !this.active.delete(port)) return false;
    if (this.active.size === 0) this.active = null;
    return true;
  }

  /** The fault of `port`, or null. */
  get(port: number): Readonly<Fault> | null {
    return this.active?.get(port) ?? null;
  }
}
