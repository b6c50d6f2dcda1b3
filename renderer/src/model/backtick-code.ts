import type { InlineText } from './algorithm-info';

/** Text written with `backticks` around code (as the scenario files are) as words and code fragments. */
export function backtickCode(text: string): InlineText {
  return text.split('`').flatMap((part, i): (string | { code: string })[] => (part === '' ? [] : i % 2 === 1 ? [{ code: part }] : [part]));
}
