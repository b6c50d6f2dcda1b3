// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \) and other two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;

/**
 * The last lines of terminal output as plain text for a person: escape
 * sequences removed, CRLF as LF, at most `maxLines` lines and `maxChars`
 * characters; '(no output)' when there is none.
 */
export function outputTail(text: string, maxLines = 20, maxChars = 2000): string {
  const plain = text
    .replace(ANSI, '')
    .replace(/\r+\n/g, '\n')
    .replace(/\r/g, '\n')
    .trimEnd();
  if (plain.trim() === '') return '(no output)';
  let tail = plain.split('\n').slice(-maxLines).join('\n');
  if (tail.length > maxChars) tail = `…${tail.slice(-maxChars)}`;
  return tail;
}
