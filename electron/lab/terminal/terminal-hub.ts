import { StringDecoder } from 'node:string_decoder';
import { terminalInputSchema, terminalSizeSchema } from '../../shared/terminal';
import { parseInput } from '../../shared/schemas';
import { OutputBuffer } from '../backends/output-buffer';
import type { BackendState } from '../backends/types';
import { LabError } from '../lab-error';
import { OutputBatcher } from './output-batcher';
import { plainText } from './plain-text';
import { systemClock, type Clock } from '../clock';
import { endedBanner, notStartedBanner, startedBanner } from './session-banner';
import type { TerminalSource } from './terminal-source';

export interface TerminalHubOptions {
  /** Recent output kept per backend, in bytes of UTF-8 (default 128 KiB: a few hundred lines). */
  ringBytes?: number;
  /** How long live output may wait to be batched (default 5 ms, VS Code's figure). */
  flushDelayMs?: number;
  /** Pending characters that are sent at once (default 128 Ki). */
  maxBatchChars?: number;
  /** The timer; tests pass their own. */
  clock?: Clock;
}

/** What a subscriber gets; see `TerminalHub.subscribe`. */
export type TerminalListener = (data: string) => void;

export interface SubscribeOptions {
  /** Called once when the backend is forgotten (removed): nothing more will come. */
  onEnd?: () => void;
}

interface Subscriber {
  listener: TerminalListener;
  onEnd: (() => void) | undefined;
}

/** One backend's terminal. */
interface Channel {
  ring: OutputBuffer;
  decoder: StringDecoder;
  /** The running session's pid; null between sessions, when late output is dropped. */
  pid: number | null;
  /** Whether the last character kept ends a line, so a banner starts on its own. */
  atLineStart: boolean;
  subscribers: Set<Subscriber>;
  /** Exists only while someone subscribes: a closed terminal costs the ring alone. */
  batcher: OutputBatcher | null;
  /** The user just typed: send the next output (the echo) without waiting. */
  flushNext: boolean;
}

const FINAL = new Set(['stopped', 'crashed', 'failed']);

/**
 * Every backend's terminal, over the supervisor's ptys. Keeps a ring of
 * recent output per backend (raw text, colours kept, decoded so no multibyte
 * character is ever split) and streams live output, batched, to whoever
 * subscribes to that port. Each session begins and ends with a separator line
 * naming its pid, so a restart clears nothing silently.
 *
 * Build it right after the Supervisor, before the first backend starts, so
 * no output is missed; `close()` it at shutdown.
 */
export class TerminalHub {
  private readonly channels = new Map<number, Channel>();
  private readonly ringBytes: number;
  private readonly flushDelayMs: number;
  private readonly maxBatchChars: number;
  private readonly clock: Clock;
  private readonly offs: (() => void)[];

  constructor(
    private readonly source: TerminalSource,
    options: TerminalHubOptions = {},
  ) {
    this.ringBytes = options.ringBytes ?? 128 * 1024;
    this.flushDelayMs = options.flushDelayMs ?? 5;
    this.maxBatchChars = options.maxBatchChars ?? 128 * 1024;
    this.clock = options.clock ?? systemClock;
    for (const state of source.list()) {
      if (state.pid !== null) this.channel(state.port).pid = state.pid;
    }
    this.offs = [
      source.onOutput((port, data) => this.output(port, data)),
      source.onStatus(({ port, previous, state }) => {
        if (state.status === 'starting' && state.pid !== null) this.sessionStarted(port, state.pid, state.command);
        else if (FINAL.has(state.status) && !FINAL.has(previous)) this.sessionEnded(port, state);
        else if (state.status === 'failed' && state.error !== null) this.banner(this.channel(port), notStartedBanner(state.error));
      }),
    ];
  }

  /**
   * Streams the terminal of the backend on `port`: `listener` gets the ring of
   * recent output first (synchronously, before this returns; nothing when it
   * is empty), then live output in batches. Returns the unsubscribe function.
   * Throws LabError 404 for an unknown port.
   */
  subscribe(port: number, listener: TerminalListener, options: SubscribeOptions = {}): () => void {
    const channel = this.known(port);
    // What is pending is in the ring already: send it to the others first, so no one gets it twice.
    channel.batcher?.flush();
    const recent = channel.ring.toString();
    if (recent !== '') deliver(listener, recent);
    const subscriber: Subscriber = { listener, onEnd: options.onEnd };
    channel.subscribers.add(subscriber);
    channel.batcher ??= new OutputBatcher((text) => this.broadcast(channel, text), {
      delayMs: this.flushDelayMs,
      maxChars: this.maxBatchChars,
      clock: this.clock,
    });
    return () => {
      if (!channel.subscribers.delete(subscriber) || channel.subscribers.size > 0) return;
      channel.batcher?.dispose();
      channel.batcher = null;
    };
  }

  /**
   * Sends keystrokes to the backend's pty (Ctrl-C is '\x03'); the output they
   * cause goes out without the batching delay. False when no process runs.
   * Throws LabError 404 for an unknown port, 400 for input that is not text
   * or too long.
   */
  write(port: number, data: string): boolean {
    const channel = this.known(port);
    const input = parseInput(terminalInputSchema, data, 'data');
    if (!input.ok) throw new LabError(input.error, 400, input.field);
    if (!this.source.write(port, input.value)) return false;
    channel.batcher?.flush();
    channel.flushNext = true;
    return true;
  }

  /**
   * Resizes the backend's pty (the last view to ask wins). False when no
   * process runs. Throws LabError 404 for an unknown port, 400 naming `cols`
   * or `rows` when a size is not an integer in range.
   */
  resize(port: number, cols: number, rows: number): boolean {
    this.known(port);
    const size = parseInput(terminalSizeSchema, { cols, rows }, 'size');
    if (!size.ok) throw new LabError(size.error, 400, size.field);
    return this.source.resize(port, size.value.cols, size.value.rows);
  }

  /**
   * The ring as plain text, for `GET /api/backends/:port/output`: escape
   * sequences and other control characters stripped (see `plainText`).
   * Throws LabError 404 for an unknown port.
   */
  text(port: number): string {
    return plainText(this.known(port).ring.toString());
  }

  /** Drops a removed backend's ring and ends its subscribers (their `onEnd` runs). */
  forget(port: number): void {
    const channel = this.channels.get(port);
    if (channel === undefined) return;
    this.channels.delete(port);
    channel.batcher?.flush();
    channel.batcher?.dispose();
    const subscribers = [...channel.subscribers];
    channel.subscribers.clear();
    for (const { onEnd } of subscribers) onEnd?.();
  }

  /** Stops listening to the supervisor and ends every subscriber. */
  close(): void {
    for (const off of this.offs.splice(0)) off();
    for (const port of [...this.channels.keys()]) this.forget(port);
  }

  private output(port: number, data: Buffer): void {
    const channel = this.channel(port);
    if (channel.pid === null) return;
    this.append(channel, channel.decoder.write(data));
    if (channel.flushNext && channel.batcher !== null) {
      channel.flushNext = false;
      channel.batcher.flush();
    }
  }

  private sessionStarted(port: number, pid: number, command: string): void {
    const channel = this.channel(port);
    channel.decoder = new StringDecoder('utf8');
    channel.pid = pid;
    channel.flushNext = false;
    this.banner(channel, startedBanner(pid, command));
  }

  private sessionEnded(port: number, state: BackendState): void {
    const channel = this.channel(port);
    if (channel.pid === null) {
      if (state.error !== null) this.banner(channel, notStartedBanner(state.error));
      return;
    }
    // Bytes of a character the process never finished come out as U+FFFD, not lost in silence.
    this.append(channel, channel.decoder.end());
    this.banner(channel, endedBanner(channel.pid, state.exit, state.error));
    channel.pid = null;
  }

  /** A separator line, on a line of its own. */
  private banner(channel: Channel, line: string): void {
    this.append(channel, channel.atLineStart ? line : `\r\n${line}`);
  }

  private append(channel: Channel, text: string): void {
    if (text === '') return;
    channel.ring.push(text);
    channel.atLineStart = text.endsWith('\n');
    channel.batcher?.push(text);
  }

  private broadcast(channel: Channel, text: string): void {
    for (const { listener } of channel.subscribers) deliver(listener, text);
  }

  private known(port: number): Channel {
    if (this.source.get(port) === undefined) throw new LabError(`no backend on port ${port}`, 404, 'port');
    return this.channel(port);
  }

  private channel(port: number): Channel {
    let channel = this.channels.get(port);
    if (channel === undefined) {
      channel = {
        ring: new OutputBuffer(this.ringBytes),
        decoder: new StringDecoder('utf8'),
        pid: null,
        atLineStart: true,
        subscribers: new Set(),
        batcher: null,
        flushNext: false,
      };
      this.channels.set(port, channel);
    }
    return channel;
  }
}

function deliver(listener: TerminalListener, text: string): void {
  try {
    listener(text);
  } catch (err) {
    console.error('terminal listener failed:', err);
  }
}
