import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineMarkdown, methodTableMarkdown } from '../../../../electron/lab/balancer/methods/method-table';

describe('methodTableMarkdown', () => {
  it('is the table of methods the README shows', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');
    expect(readme).toContain(`${methodTableMarkdown()}\n`);
  });

  it('writes code fragments in backticks and words as they are', () => {
    expect(inlineMarkdown([{ code: 'balance roundrobin' }, ' with ', { code: 'weight N' }])).toBe('`balance roundrobin` with `weight N`');
  });
});
