import { describe, expect, it } from 'vitest';
import { neutralise } from '../../../electron/shared/plain-text';

describe('neutralise', () => {
  it('shows every control character that could act on a terminal as a visible \\xNN escape', () => {
    const cases: [string, string][] = [
      ['\u001b[2J', '\\x1b[2J'],
      ['\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
      ['\u001bc', '\\x1bc'],
      ['a\rb', 'a\\x0db'],
      ['nul\u0000', 'nul\\x00'],
      ['\u007f', '\\x7f'],
      ['\u009b31m', '\\x9b31m'],
      ['back\bspace', 'back\\x08space'],
    ];
    for (const [raw, shown] of cases) expect(neutralise(raw), JSON.stringify(raw)).toBe(shown);
  });

  it('leaves plain text, tabs, line feeds and non-ASCII letters as they are', () => {
    const text = 'python3 -m http.server {port}\tok\nnext line: café, 日本, ✓';
    expect(neutralise(text)).toBe(text);
  });
});
