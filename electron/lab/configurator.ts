import { backupConflict } from './backup-conflict';
import { describePatch } from './describe-patch';
import { describeBalancer, describeHealth, describeProxySettings } from './describe-settings';
import type { EventLog } from './event-log';
import type { Fleet } from './fleet';
import { LabError } from './lab-error';
import type { LabHealth } from './lab-health';
import type { LabProxy } from './proxy/lab-proxy';
import type { Rotation } from './rotation';
import type { Fault } from '../shared/fault';
import type { ProxySettingsPatch } from '../shared/proxy-settings';
import type { PatchBackendInput, SetBalancerInput, SetHealthInput } from '../shared/types';

export interface ConfiguratorParts {
  fleet: Fleet;
  rotation: Rotation;
  proxy: LabProxy;
  health: LabHealth;
  log: EventLog;
}

/**
 * The lab's configuration commands: one backend's server parameters and
 * flags, the balancing method and routing, health checks. Each is applied
 * whole or refused (LabError) with nothing changed, and logged.
 */
export class Configurator {
  constructor(private readonly parts: ConfiguratorParts) {}

  /**
   * Change one backend live. Server parameters (weight, backup, max_fails,
   * fail_timeout, max_conns, slow start) are a reload, as in nginx: selection
   * state restarts. `down` and `drain` are not: they only flip the peer's
   * flags, so nothing else moves. A change the balancer refuses (backup with
   * ip-hash, hash or random-two) or nginx would (no primary left) is a 409
   * and changes nothing.
   */
  patchBackend(port: number, changes: PatchBackendInput): void {
    const config = this.parts.fleet.require(port);
    const { down, drain, ...reload } = changes;
    if (Object.keys(reload).length > 0) {
      const next = { ...config, ...reload };
      const configs = this.parts.fleet.configs().map((c) => (c.id === port ? next : c));
      if (configs.every((c) => c.backup)) {
        throw new LabError(`${port} is the last primary: with every backend a backup, nginx says "no servers in upstream". Make another backend a primary first.`, 409, 'backup');
      }
      try {
        this.parts.rotation.reloadWith(this.parts.rotation.algorithm, configs);
      } catch {
        throw new LabError(backupConflict(this.parts.rotation.algorithm, `${port} would be a backup`), 409, 'backup');
      }
      Object.assign(config, reload);
    }
    const comesBack = config.down && down === false;
    if (down !== undefined) config.down = down;
    if (drain !== undefined) config.drain = drain;
    if (comesBack) this.parts.rotation.recovered(port);
    else this.parts.rotation.sync(port);
    this.parts.log.append({ port, kind: down === true ? 'marked-down' : 'config', message: describePatch(port, changes) });
  }

  /**
   * Change the balancing method (a reload: selection state restarts) and
   * how requests are read: the hash key, whether X-Forwarded-For names the
   * client, sticky cookies. Fields left out keep their value. A method
   * nginx does not allow with the current backups is a 409 and changes
   * nothing.
   */
  setBalancer(input: SetBalancerInput): void {
    const algorithm = input.algorithm ?? this.parts.rotation.algorithm;
    if (input.algorithm !== undefined) {
      try {
        this.parts.rotation.reloadWith(algorithm, this.parts.fleet.configs());
      } catch {
        const backups = this.parts.fleet.configs().filter((c) => c.backup).map((c) => c.id);
        const what = backups.length === 1 ? `${backups[0]} is a backup` : `${backups.join(', ')} are backups`;
        throw new LabError(backupConflict(algorithm, what), 409, 'algorithm');
      }
    }
    const previous = this.parts.proxy.currentRouting;
    const routing = {
      hashKey: input.hashKey ?? previous.hashKey,
      trustForwardedFor: input.trustForwardedFor ?? previous.trustForwardedFor,
      sticky: input.sticky ?? previous.sticky,
    };
    this.parts.proxy.setRouting(routing);
    this.parts.log.append({ port: null, kind: 'config', message: describeBalancer(algorithm, routing, previous) });
  }

  /**
   * Turn active health checks on (the default when `enabled` is left out)
   * with new settings, or off. Every backend starts again from `unknown`,
   * which is in rotation; ones that were failing are put back.
   */
  setHealth(input: SetHealthInput): void {
    let cleared: number[];
    try {
      cleared = this.parts.health.configure(input);
    } catch (error) {
      const message = (error as Error).message;
      const field = ['path', 'intervalMs', 'rise', 'fall'].find((name) => message.includes(name)) ?? 'body';
      throw new LabError(message, 400, field);
    }
    for (const port of cleared) this.parts.rotation.sync(port);
    const back = cleared.filter((port) => this.parts.fleet.config(port));
    const tail = back.length > 0 ? `; ${back.join(', ')} back in rotation until checks decide again` : '';
    this.parts.log.append({ port: null, kind: 'config', message: describeHealth(this.parts.health.settings) + tail });
  }

  /** A fault on the lab's leg to one backend, live (Toxiproxy's toxic); refused naming the field, nothing changed. */
  setFault(port: number, fault: Fault): void {
    this.parts.fleet.require(port);
    this.parts.proxy.setFault(port, fault);
    this.parts.log.append({ port, kind: 'config', message: `${port} fault set: ${this.parts.proxy.faultWords(port) ?? 'none'}` });
  }

  clearFault(port: number): void {
    this.parts.fleet.require(port);
    const had = this.parts.proxy.fault(port) !== null;
    this.parts.proxy.setFault(port, null);
    if (had) this.parts.log.append({ port, kind: 'config', message: `${port} fault cleared` });
  }

  /** nginx's timeouts and retry conditions, live; fields left out keep their value. */
  setProxy(patch: ProxySettingsPatch): void {
    const before = this.parts.proxy.settings;
    const after = this.parts.proxy.configure(patch);
    this.parts.log.append({ port: null, kind: 'config', message: describeProxySettings(after, before) });
  }
}
