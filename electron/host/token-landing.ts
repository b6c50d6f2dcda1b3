import type { OutgoingHttpHeaders } from 'node:http';
import { stringifySetCookie } from 'cookie';
import { tokenCookieName, tokenMatches } from './auth-token';

/** How the host answers a page opened with `?token=`: where to go and what to set. */
export interface TokenLanding {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
}

/**
 * Opening the URL the lab printed (`/?token=…`, or any page with it): the
 * right token is put in a cookie only this site's requests carry
 * (SameSite=Strict) and no script can read (HttpOnly), and the browser is
 * sent to the same URL without the token, so it leaves the address bar and
 * the history. A wrong token is a 401 and sets nothing. Null when the URL
 * has no token: the page is served as usual.
 */
export function tokenLanding(url: URL, expected: string, port: number): TokenLanding | null {
  const given = url.searchParams.get('token');
  if (given === null) return null;
  if (!tokenMatches(expected, given)) {
    return {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body: 'This is not the token of this lab. Open the dashboard URL that lb-lab printed when it started, with its ?token=.\n',
    };
  }
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('token');
  const query = rest.size > 0 ? `?${rest.toString()}` : '';
  // One leading slash: `//host/` in a Location header would leave the lab.
  const path = `/${url.pathname.replace(/^\/+/, '')}`;
  return {
    status: 302,
    headers: {
      location: `${path}${query}`,
      'set-cookie': stringifySetCookie(tokenCookieName(port), expected, { httpOnly: true, sameSite: 'strict', path: '/' }),
      'cache-control': 'no-store',
    },
    body: '',
  };
}
