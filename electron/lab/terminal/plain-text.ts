import { stripVTControlCharacters } from 'node:util';

// C0 controls but TAB and LF, DEL, and C1 controls (U+0080-U+009F; some terminals obey 8-bit CSI).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Terminal output as plain text for scripts: escape sequences (colours,
 * cursor moves, titles) and every other control character are stripped,
 * never passed on, so printing it cannot drive the reader's own terminal.
 * CRLF becomes LF and a lone CR (a redrawn progress line) a line break.
 */
export function plainText(text: string): string {
  return stripVTControlCharacters(text).replace(/\r+\n/g, '\n').replace(/\r/g, '\n').replace(CONTROLS, '');
}
