/** What a browser shows when no backend can answer: short, and says what to do. */
export const NO_BACKEND_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>502 · no backend is up</title><link rel="icon" href="data:,"></head>
<body style="font-family:system-ui,sans-serif;margin:3rem">
<h1>502 Bad Gateway</h1>
<p>No backend is up behind the Load Balancer Lab proxy. Start one from the lab and reload.</p>
</body></html>
`;
