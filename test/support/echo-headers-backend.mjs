// @ts-check
// A test backend that answers every request with the headers it received, as JSON.
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.PORT);
http
  .createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ port, headers: req.headers }));
  })
  .listen(port, '127.0.0.1');
