import { requireAllowed } from './backend-rules';
import { notUp } from './not-up';
import type { BackendState, StatusChange } from './backends/types';
import type { Clock } from './clock';
import { describeSessionLoss } from './describe-session-loss';
import { describeStatusChange } from './describe-status-change';
import type { EventLog } from './event-log';
import type { Fleet } from './fleet';
import type { HealthChange, LabHealth } from './lab-health';
import type { StickyClients } from './proxy/sticky-clients';
import type { Rotation } from './rotation';
import type { SessionLoss } from './session-loss';
import type { BackendAction, BackendStatus, HealthState } from '../shared/types';

export interface LifecycleParts {
  fleet: Fleet;
  rotation: Rotation;
  health: LabHealth;
  sessions: SessionLoss;
  sticky: StickyClients;
  log: EventLog;
  clock: Clock;
  drainTimeoutMs: number;
}

/**
 * What happens to a backend over its life: the user's start / stop / kill
 * / restart / remove, and the lab's answers to its process coming up or
 * ending and to health checks deciding it. Rotation is told of each, and
 * the event log says it in plain words.
 */
export class BackendLifecycle {
  constructor(private readonly parts: LifecycleParts) {}

  /** The status a person sees: `stopping` while a stop drains a process that is still up. */
  status(port: number): BackendStatus {
    const status = this.parts.fleet.status(port) ?? 'starting';
    return status === 'up' && this.parts.rotation.isDraining(port) ? 'stopping' : status;
  }

  async act(port: number, action: BackendAction): Promise<void> {
    const { fleet } = this.parts;
    fleet.require(port);
    requireAllowed(port, this.status(port), action);
    switch (action) {
      case 'start':
        this.requireUp(await fleet.supervisor.restart(port));
        break;
      case 'stop':
        await this.stopGracefully(port);
        break;
      case 'kill':
        await this.noteSessions(port);
        await fleet.supervisor.kill(port);
        break;
      case 'restart':
        // Stopped first, so the stop's drain is over before the new process comes up in rotation.
        if (this.isRunning(port)) await this.stopGracefully(port);
        this.requireUp(await fleet.supervisor.restart(port));
        break;
    }
  }

  async remove(port: number): Promise<void> {
    const { fleet, sessions, sticky, log } = this.parts;
    fleet.require(port);
    requireAllowed(port, this.status(port), 'remove');
    await this.stopGracefully(port);
    await fleet.remove(port);
    sticky.forgetPort(port);
    sessions.forget(port);
    log.append({ port, kind: 'removed', message: `${port} removed` });
  }

  onStatus(change: StatusChange): void {
    const { health, rotation, fleet, log } = this.parts;
    const { port, state } = change;
    const up = state.status === 'up';
    // Health checks run only against a live process; a new process starts from `unknown`.
    if (up) health.watch(port);
    else health.unwatch(port);
    // The lab knows before any request fails: only an up process is in rotation.
    if (up) rotation.cameUp(port, change.previous === 'starting' && state.restarts === 0);
    else rotation.sync(port);
    const event = describeStatusChange(change, rotation.isDraining(port), fleet.isSample(port) ? 'sample backend' : state.command);
    if (event) log.append({ port, ...event });
    if (state.status === 'stopped' || state.status === 'crashed') this.sessionsLost(port, state.status);
  }

  /** Checks decided a backend: out of rotation when failing, back in (with slow start) when it recovers. */
  onHealth(port: number, change: HealthChange, state: HealthState): void {
    const { health, rotation, log } = this.parts;
    rotation.sync(port);
    const { rise, fall } = health.settings;
    const seen = state.lastResult ? ` (${state.lastResult})` : '';
    if (change === 'failing') {
      log.append({ port, kind: 'marked-down', message: `${port} failed ${fall} health checks${seen}; out of rotation` });
    } else if (change === 'recovered' && rotation.recovered(port)) {
      log.append({ port, kind: 'up', message: `${port} passed ${rise} health checks; back in rotation` });
    } else {
      log.append({ port, kind: 'info', message: `${port} passed ${rise} health checks${seen}` });
    }
  }

  private requireUp(state: BackendState): void {
    if (state.status !== 'up') throw notUp([state]);
  }

  private isRunning(port: number): boolean {
    const status = this.parts.fleet.status(port);
    return status === 'up' || status === 'starting';
  }

  /** A stop by the user: note its sessions, drain it, SIGTERM (then SIGKILL); out of rotation throughout. */
  private async stopGracefully(port: number): Promise<void> {
    const { rotation, fleet, log, drainTimeoutMs } = this.parts;
    await this.noteSessions(port);
    const inFlight = rotation.peer(port)?.conns ?? 0;
    if (inFlight > 0) log.append({ port, kind: 'stopping', message: `${port} out of rotation; waiting for ${inFlight} in-flight request(s)` });
    await rotation.drain(port, drainTimeoutMs);
    try {
      await fleet.supervisor.stop(port);
    } finally {
      rotation.endDrain(port);
    }
  }

  /**
   * Before the lab ends a sample backend's process, ask it how many
   * sessions it holds (one loopback request, bounded); a crash nobody asked
   * for is known only through the sticky clients.
   */
  private async noteSessions(port: number): Promise<void> {
    const { fleet, sessions } = this.parts;
    if (!fleet.isSample(port) || fleet.status(port) !== 'up') return;
    await sessions.note(port);
  }

  /** A backend's process ended: if it held sessions, say they are gone and why that matters. */
  private sessionsLost(port: number, how: 'stopped' | 'crashed'): void {
    const { sessions, sticky, log, clock } = this.parts;
    const held = sessions.ended(port, sticky.count(port, clock.now()));
    sticky.forgetPort(port);
    if (held) log.append({ port, kind: 'info', message: describeSessionLoss(port, how) });
  }
}
