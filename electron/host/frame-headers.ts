import type { ServerResponse } from 'node:http';

/**
 * No page of another origin may frame the dashboard (clickjacking: one
 * click on a hidden Kill button). Both headers, since older browsers know
 * only X-Frame-Options, and a CSP in a <meta> tag cannot set frame-ancestors.
 */
export const FRAME_HEADERS = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
} as const;

/** Put the frame headers on a response before anything else is written, so every answer carries them. */
export function setFrameHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(FRAME_HEADERS)) res.setHeader(name, value);
}
