import type { InlineText } from '../../../shared/method-traits';
import { methodTraits } from './index';

/** Inline text as Markdown: code fragments in backticks. */
export function inlineMarkdown(text: InlineText): string {
  return text.map((part) => (typeof part === 'string' ? part : `\`${part.code}\``)).join('');
}

/**
 * The README's table of methods (lab | nginx | HAProxy | what it does),
 * generated from the method modules; a test keeps the README equal to it.
 */
export function methodTableMarkdown(): string {
  const rows = methodTraits().map((m) => `| \`${m.name}\` | ${inlineMarkdown(m.nginx)} | ${inlineMarkdown(m.haproxy)} | ${m.explain} |`);
  return ['| lab | nginx | HAProxy | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
