import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../../electron/host/cli-flags';
import { helpText, usageSynopsis } from '../../../electron/host/cli-usage';
import { DEFAULTS } from '../../../electron/lab/defaults';
import { ALGORITHMS } from '../../../electron/shared/types';

const README = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');

describe('the CLI’s usage, generated from the flag table', () => {
  it('is the usage block the README shows', () => {
    const block = /```\n(lb-lab \[[\s\S]*?)\n```/.exec(README)?.[1];
    expect(block).toBe(usageSynopsis());
  });

  it('lists every flag of the table in --help and in the usage line', () => {
    for (const row of Object.values(FLAGS)) {
      expect(helpText()).toContain(`--${row.flag}`);
      expect(usageSynopsis()).toContain(`[--${row.flag}`);
    }
  });

  it('shows the defaults of the defaults module and every method', () => {
    expect(helpText()).toContain(`first backend port; default ${DEFAULTS.basePort}`);
    expect(helpText()).toContain(`nginx fail_timeout; default ${DEFAULTS.failTimeoutMs}`);
    for (const algorithm of ALGORITHMS) expect(helpText()).toContain(algorithm);
  });

  it('keeps every line of --help within 80 columns, the method list aside', () => {
    const long = helpText()
      .split('\n')
      .filter((line) => line.length > 80 && !line.includes(' nginx '));
    expect(long).toEqual([]);
  });
});
