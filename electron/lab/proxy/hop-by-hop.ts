import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers the lab never passes on whatever the Connection header says:
 * the message's own framing (Node frames the upstream request itself) and
 * its target.
 */
const KEPT = new Set(['host', 'content-length', 'transfer-encoding']);

/**
 * Remove the client's hop-by-hop request headers (RFC 9110 7.6.1) before the
 * request goes upstream, as nginx's proxy module does by default
 * (ngx_http_proxy_headers clears Connection, Proxy-Connection, TE,
 * Keep-Alive, Expect and Upgrade): Connection and every header it names,
 * Keep-Alive, TE, Proxy-Connection, Upgrade and Expect (Node has answered
 * `100-continue` to the client already). The lab's own keep-alive agent then
 * sets the upstream Connection. For a WebSocket handshake (`websocket`
 * true) Upgrade stays and Connection becomes `Upgrade`, which is what nginx
 * is told to send with `proxy_set_header Upgrade $http_upgrade;
 * proxy_set_header Connection "upgrade"`.
 */
export function stripHopByHop(headers: IncomingHttpHeaders, websocket: boolean): void {
  const connection = headers.connection;
  if (connection !== undefined) {
    // The usual values name no other header: skip the split.
    if (connection !== 'keep-alive' && connection !== 'close') {
      for (const token of connection.split(',')) {
        const name = token.trim().toLowerCase();
        if (name !== '' && !KEPT.has(name) && !(websocket && name === 'upgrade')) delete headers[name];
      }
    }
    delete headers.connection;
  }
  if (headers['keep-alive'] !== undefined) delete headers['keep-alive'];
  if (headers.te !== undefined) delete headers.te;
  if (headers['proxy-connection'] !== undefined) delete headers['proxy-connection'];
  if (headers.expect !== undefined) delete headers.expect;
  if (websocket) headers.connection = 'Upgrade';
  else if (headers.upgrade !== undefined) delete headers.upgrade;
}

/** True when `headers` ask for a WebSocket (RFC 6455 4.1: `Upgrade: websocket`, any case). */
export function isWebSocketUpgrade(headers: IncomingHttpHeaders): boolean {
  const upgrade = headers.upgrade;
  return upgrade !== undefined && upgrade.trim().toLowerCase() === 'websocket';
}
