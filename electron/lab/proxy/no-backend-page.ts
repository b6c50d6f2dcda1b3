/** What a browser shows when no backend can answer: short, and says what to do. */
export const NO_BACKEND_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>502 · no backend is up</title><link rel="icon" href="data:,"></head>
<body style="font-family:system-ui,sans-serif;margin:3rem">
<h1>502 Bad Gateway</h1>
<p>No backend is up behind the Load Balancer Lab proxy. Start one from the lab and reload.</p>
</body></html>
`;

/** What a browser shows when the backends took longer than the read timeout (nginx: 504 after `proxy_read_timeout`). */
export const GATEWAY_TIMEOUT_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>504 · no backend answered in time</title><link rel="icon" href="data:,"></head>
<body style="font-family:system-ui,sans-serif;margin:3rem">
<h1>504 Gateway Timeout</h1>
<p>No backend behind the Load Balancer Lab proxy answered within its read timeout. A backend may be hung or too slow; see its row in the lab.</p>
</body></html>
`;
