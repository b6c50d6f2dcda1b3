import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../../electron/lab/backends/output-buffer';
import { outputTail } from '../../../electron/lab/backends/output-tail';
import { shellQuote } from '../../../electron/lab/backends/shell-quote';
import { signalName } from '../../../electron/lab/backends/signal-name';

describe('OutputBuffer', () => {
  it('keeps everything below its limit', () => {
    const buffer = new OutputBuffer(100);
    buffer.push(Buffer.from('hello '));
    buffer.push('world');
    expect(buffer.toString()).toBe('hello world');
    expect(buffer.size).toBe(11);
  });

  it('keeps only the tail once over its limit', () => {
    const buffer = new OutputBuffer(10);
    for (let i = 0; i < 10_000; i++) buffer.push(Buffer.from(`line ${i}\n`));
    expect(buffer.toString()).toBe('\nline 9999\n'.slice(-10));
    expect(Buffer.byteLength(buffer.toString())).toBe(10);
  });

  it('never splits a multibyte character across two chunks', () => {
    const buffer = new OutputBuffer(1024);
    const bytes = Buffer.from('añ€😀z');
    // One byte at a time: every character arrives in pieces.
    for (const byte of bytes) buffer.push(Buffer.from([byte]));
    expect(buffer.toString()).toBe('añ€😀z');
  });

  it('never starts the kept tail inside a multibyte character', () => {
    const buffer = new OutputBuffer(6);
    buffer.push(Buffer.from('€€€€'));
    // 6 bytes is exactly two euro signs (3 bytes each).
    expect(buffer.toString()).toBe('€€');
    buffer.push(Buffer.from('a'));
    // 7 bytes: dropping one byte would cut a euro sign, so the whole sign goes.
    expect(buffer.toString()).toBe('€a');
  });

  it('is empty after clear()', () => {
    const buffer = new OutputBuffer(10);
    buffer.push('abc');
    buffer.clear();
    expect(buffer.toString()).toBe('');
  });
});

describe('outputTail', () => {
  it('turns terminal output into the last plain lines', () => {
    const text = '\u001b[32mgreen\u001b[0m\r\n' + Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\r\n') + '\r\n';
    const tail = outputTail(text, 3);
    expect(tail).toBe('line 27\nline 28\nline 29');
    expect(outputTail('\u001b[1mbold\u001b[0m\r\n')).toBe('bold');
  });

  it('says so when there is no output', () => {
    expect(outputTail('\r\n  ')).toBe('(no output)');
  });
});

describe('shellQuote', () => {
  it('leaves plain paths bare and single-quotes anything else', () => {
    expect(shellQuote('/usr/bin/node')).toBe('/usr/bin/node');
    expect(shellQuote('/Applications/My App.app')).toBe(`'/Applications/My App.app'`);
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
  });
});

describe('signalName', () => {
  it('names a signal given as a number, as node-pty reports it', () => {
    expect(signalName(9)).toBe('SIGKILL');
    expect(signalName(15)).toBe('SIGTERM');
    expect(signalName('SIGHUP')).toBe('SIGHUP');
    expect(signalName(0)).toBeNull();
    expect(signalName(undefined)).toBeNull();
  });
});
