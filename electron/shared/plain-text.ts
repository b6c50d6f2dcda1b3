// C0 controls except TAB and LF, DEL, and the C1 controls (0x9b is an 8-bit CSI to some terminals).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from a backend (its command, its output) made safe for a terminal
 * or a log line: every control character that could move the cursor,
 * recolour, retitle or clear the screen is shown as a visible `\xNN`
 * escape instead of acting. Tabs and line feeds stay as they are; the
 * printer of a log line decides what a line break means there.
 */
export function neutralise(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
