/**
 * A request's target as a URL, whatever form it came in: origin-form
 * (`/api/snapshot?x`) is read as a path even when it starts with `//`, an
 * absolute-form target is parsed as it is. Null when it is not a URL at all
 * (the caller answers 400 rather than failing with 500).
 */
export function requestTarget(raw: string | undefined): URL | null {
  const target = raw ?? '/';
  try {
    return target.startsWith('/') ? new URL(`http://lab${target}`) : new URL(target);
  } catch {
    return null;
  }
}

/** `path` percent-decoded, or null when an escape is malformed (`%zz`). */
export function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
