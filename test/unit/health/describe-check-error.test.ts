import { describe, expect, it } from 'vitest';
import { describeCheckError } from '../../../electron/lab/health/describe-check-error';

function errno(code: string, message = code): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('describeCheckError', () => {
  it('names the failures a person meets in plain words', () => {
    expect(describeCheckError(errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:26500'))).toBe('connection refused');
    expect(describeCheckError(errno('ECONNRESET', 'read ECONNRESET'))).toBe('connection reset');
    expect(describeCheckError(errno('ECONNRESET', 'socket hang up'))).toBe('connection closed before a response');
    expect(describeCheckError(errno('HPE_INVALID_CONSTANT'))).toBe('not an HTTP response');
    expect(describeCheckError(errno('ENOTFOUND'))).toBe('host not found');
  });

  it('falls back to the error message for anything else', () => {
    expect(describeCheckError(errno('EWHATEVER', 'something odd'))).toBe('failed: something odd');
    expect(describeCheckError('a string')).toBe('failed: a string');
  });
});
