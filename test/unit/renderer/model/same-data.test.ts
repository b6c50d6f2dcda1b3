import { describe, expect, it } from 'vitest';
import { sameData } from '../../../../renderer/src/model/same-data';

describe('sameData', () => {
  it('takes equal copies of decoded JSON as the same', () => {
    const progress = { state: 'running', sent: 4, errors: { refused: 0, timeout: 1 }, labels: ['a', 'b'], result: null };
    expect(sameData(progress, JSON.parse(JSON.stringify(progress)))).toBe(true);
    expect(sameData([], [])).toBe(true);
    expect(sameData(null, null)).toBe(true);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
  });

  it('tells apart a changed value at any depth, a missing or extra field, and a changed list', () => {
    const progress = { state: 'running', sent: 4, errors: { refused: 0, timeout: 1 }, labels: ['a', 'b'] };
    expect(sameData(progress, { ...progress, sent: 5 })).toBe(false);
    expect(sameData(progress, { ...progress, errors: { refused: 0, timeout: 2 } })).toBe(false);
    expect(sameData(progress, { ...progress, labels: ['a'] })).toBe(false);
    expect(sameData(progress, { ...progress, labels: ['a', 'c'] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData({ 0: 1 }, [1])).toBe(false);
    expect(sameData(0, '0')).toBe(false);
  });
});
