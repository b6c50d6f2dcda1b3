import { describe, expect, it } from 'vitest';
import { plainText } from '../../../electron/lab/terminal/plain-text';

describe('plainText', () => {
  it('strips colours, cursor moves and window titles but keeps the words', () => {
    const raw = '\u001b[32mGET /\u001b[0m 200\r\n\u001b]0;title\u0007\u001b[2K\u001b[1Gdone\r\n';
    expect(plainText(raw)).toBe('GET / 200\ndone\n');
  });

  it('removes control characters that could drive the reader’s terminal, keeping tabs and line breaks', () => {
    expect(plainText('a\u0007b\u0008c\td\u009b31me\u007f\n')).toBe('abc\tde\n');
  });

  it('turns a lone carriage return (a redrawn progress line) into a line break', () => {
    expect(plainText('10%\r50%\r100%\r\n')).toBe('10%\n50%\n100%\n');
  });

  it('keeps multibyte characters', () => {
    expect(plainText('──── 日本 ✓\r\n')).toBe('──── 日本 ✓\n');
  });
});
