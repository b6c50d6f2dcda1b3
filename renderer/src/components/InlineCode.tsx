import type { InlineText } from '../model/algorithm-info';

/** Words and `code` fragments in one run of text. */
export function InlineCode({ text }: { text: InlineText }) {
  return (
    <>
      {text.map((part, i) => (typeof part === 'string' ? <span key={i}>{part}</span> : <code key={i}>{part.code}</code>))}
    </>
  );
}
