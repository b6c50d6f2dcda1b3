import type { EventLog } from './event-log';
import { LoadGenerator } from './load/load-generator';
import type { LoadProgress, LoadStatus } from '../shared/load';

/**
 * The lab's hammer: the load generator, always aimed at the lab's own
 * proxy, with its start and end in the event log (the charts mark them by
 * these words: "hammer started", "hammer done", "hammer stopped").
 */
export class LabHammer {
  private readonly generator = new LoadGenerator();

  constructor(
    private readonly log: EventLog,
    private readonly target: () => { host: string; port: number },
  ) {}

  start(input: unknown): LoadStatus {
    const status = this.generator.start(input, this.target());
    const progress = this.generator.progress();
    const plan = progress.plannedS === null ? '' : ` for ${progress.plannedS} s`;
    this.log.append({ port: null, kind: 'info', message: `hammer started${plan}` });
    void this.generator.whenEnded().then((end) => {
      const how = end.state === 'done' ? 'done' : 'stopped';
      const rps = end.result ? `: ${Math.round(end.result.rps)} req/s, p99 ${end.result.latencyMs.p99} ms` : '';
      this.log.append({ port: null, kind: 'info', message: `hammer ${how} after ${end.sent} request(s)${rps}` });
    });
    return status;
  }

  stop(): Promise<LoadStatus> {
    return this.generator.stop();
  }

  status(): LoadStatus {
    return this.generator.status();
  }

  progress(): LoadProgress {
    return this.generator.progress();
  }

  whenEnded(): Promise<LoadStatus> {
    return this.generator.whenEnded();
  }

  shutdown(): Promise<void> {
    return this.generator.shutdown();
  }
}
