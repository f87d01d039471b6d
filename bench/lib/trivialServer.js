// The start-up benchmark's floor: a Node process serving one static element on 127.0.0.1, so the
// comparison with the browser host differs only in what Story Bank does.
import { createServer } from 'node:http';

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><p id="ready">ready</p></body></html>';

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(PAGE);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`running at http://127.0.0.1:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
