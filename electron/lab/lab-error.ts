/**
 * A command the lab refuses, with the HTTP status that says why (404 unknown
 * port, 409 wrong state). Adapters turn it into a Result; it never crosses
 * a process boundary as an exception.
 */
export class LabError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}
