import { parseSetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';
import { tokenCookieName } from '../../../electron/host/auth-token';
import { tokenLanding } from '../../../electron/host/token-landing';

const TOKEN = 'landing-test-token-0123456789';
const at = (target: string): URL => new URL(`http://lab${target}`);

describe('opening a page with ?token=', () => {
  it('sets an HttpOnly, SameSite=Strict cookie for the whole site and redirects to the same URL without the token', () => {
    const landing = tokenLanding(at(`/?token=${TOKEN}`), TOKEN, 5170)!;
    expect(landing.status).toBe(302);
    expect(landing.headers.location).toBe('/');
    const cookie = parseSetCookie(String(landing.headers['set-cookie']));
    expect(cookie).toMatchObject({ name: tokenCookieName(5170), value: TOKEN, httpOnly: true, sameSite: 'strict', path: '/' });
  });

  it('keeps the page and its other query parameters', () => {
    expect(tokenLanding(at(`/backends?view=log&token=${TOKEN}&x=1`), TOKEN, 5170)!.headers.location).toBe('/backends?view=log&x=1');
  });

  it('never redirects off the lab, even from a path starting with //', () => {
    expect(tokenLanding(at(`//evil.example/?token=${TOKEN}`), TOKEN, 5170)!.headers.location).toBe('/evil.example/');
  });

  it('answers a wrong token with 401 and sets nothing', () => {
    for (const wrong of ['', 'nope', `${TOKEN}x`]) {
      const landing = tokenLanding(at(`/?token=${wrong}`), TOKEN, 5170)!;
      expect(landing.status, wrong).toBe(401);
      expect(landing.headers['set-cookie']).toBeUndefined();
      expect(landing.headers.location).toBeUndefined();
    }
  });

  it('leaves a page without a token alone', () => {
    expect(tokenLanding(at('/?view=log'), TOKEN, 5170)).toBeNull();
  });
});
