/** Hop-by-hop headers (RFC 9110 7.6.1): the backend's connection terms are not the client's. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/**
 * The backend's response headers for the client, as a flat raw list (names
 * keep their case, repeats stay repeated), without hop-by-hop headers, plus
 * `X-Lab-Backend` naming who answered. Node re-frames the body itself.
 */
export function responseHeaders(rawHeaders: readonly string[], backend: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    out.push(name, rawHeaders[i + 1]!);
  }
  out.push('X-Lab-Backend', backend);
  return out;
}
