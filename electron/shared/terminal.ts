import { z } from 'zod';

/**
 * The terminal's wire format, shared by the lab, the host's WebSocket and the
 * dashboard. Server to client: every message is terminal output (text with
 * its escape sequences). Client to server: one JSON `TerminalClientMessage`.
 */

/** The longest input one message may carry: a generous paste. */
export const MAX_TERMINAL_INPUT_CHARS = 65_536;

export const terminalInputSchema = z.string().max(MAX_TERMINAL_INPUT_CHARS);

/** node-pty refuses 0; a terminal wider or taller than this is a bug, not a screen. */
export const terminalSizeSchema = z.strictObject({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(1000),
});

export const terminalClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('input'), data: terminalInputSchema }),
  z.strictObject({ type: z.literal('resize'), cols: terminalSizeSchema.shape.cols, rows: terminalSizeSchema.shape.rows }),
]);

/** `{type: 'input', data}`: keystrokes for the pty; `{type: 'resize', cols, rows}`: the view's size. */
export type TerminalClientMessage = z.infer<typeof terminalClientMessageSchema>;

/**
 * WebSocket close codes of a terminal socket (4000-4999 is the range RFC 6455
 * leaves to applications): the HTTP statuses the control API would answer.
 */
export const TERMINAL_CLOSE = {
  /** A message that is not a valid `TerminalClientMessage`; the reason names the field. */
  badMessage: 4400,
  /** No backend on that port (or it was removed). */
  unknownPort: 4404,
} as const;
