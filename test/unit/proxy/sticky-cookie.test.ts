import { describe, expect, it } from 'vitest';
import { newClientId, readStickyCookie, stickyCookieHeader } from '../../../electron/lab/proxy/sticky-cookie';

describe('the sticky cookie', () => {
  it('reads back what it sets, among other cookies', () => {
    const id = newClientId();
    const set = stickyCookieHeader(4001, id);
    expect(set).toBe(`lb_lab_srv=4001.${id}; Path=/; HttpOnly; SameSite=Lax`);
    const value = set.split(';')[0]!;
    expect(readStickyCookie(value)).toEqual({ port: 4001, clientId: id });
    expect(readStickyCookie(`lab_session=abc; ${value}; theme=dark`)).toEqual({ port: 4001, clientId: id });
    expect(readStickyCookie(`a=1;${value}`)).toEqual({ port: 4001, clientId: id });
  });

  it('treats anything the lab could not have set as no cookie', () => {
    for (const header of [undefined, '', 'lb_lab_srv=', 'lb_lab_srv=4001', 'lb_lab_srv=abc.def', 'lb_lab_srv=70000.abc', 'lb_lab_srv=0.abc', 'xlb_lab_srv=4001.abc', 'lb_lab_srv=4001.a b', `lb_lab_srv=4001.${'a'.repeat(65)}`]) {
      expect(readStickyCookie(header), String(header)).toBeNull();
    }
  });

  it('makes client ids that differ and are safe in a cookie', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
