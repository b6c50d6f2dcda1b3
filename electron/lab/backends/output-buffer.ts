import { StringDecoder } from 'node:string_decoder';

/**
 * The tail of a process's output, at most `limitBytes` of UTF-8. Chunks are
 * decoded with a StringDecoder, so a multibyte character split across two
 * reads is never broken, and trimming only ever cuts between characters.
 */
export class OutputBuffer {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  private bytes = 0;
  /** Trim only once this far over the limit, so appending stays cheap. */
  private readonly slack: number;

  constructor(readonly limitBytes: number) {
    if (!Number.isInteger(limitBytes) || limitBytes < 1) {
      throw new RangeError(`output limit must be a positive integer, got ${limitBytes}`);
    }
    this.slack = Math.max(4096, limitBytes >> 2);
  }

  /** Appends raw bytes (decoded here) or text already decoded. */
  push(data: Buffer | string): void {
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    if (text === '') return;
    this.text += text;
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > this.limitBytes + this.slack) this.trim();
  }

  /** Everything kept: the last `limitBytes` bytes at most. */
  toString(): string {
    if (this.bytes > this.limitBytes) this.trim();
    return this.text;
  }

  /** Kept bytes. */
  get size(): number {
    return Math.min(this.bytes, this.limitBytes);
  }

  clear(): void {
    this.text = '';
    this.bytes = 0;
    this.decoder.end();
  }

  private trim(): void {
    const buf = Buffer.from(this.text);
    let cut = buf.length - this.limitBytes;
    // Never start inside a character: skip UTF-8 continuation bytes (10xxxxxx).
    while (cut < buf.length && (buf[cut] & 0xc0) === 0x80) cut++;
    const kept = buf.subarray(cut);
    this.text = kept.toString('utf8');
    this.bytes = kept.length;
  }
}
