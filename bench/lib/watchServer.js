// The edit benchmark's floor: a Node process that watches one file with a bare fs.watch and, on
// every change, reads it and sends its text over a WebSocket to a page of one element, which shows
// it. What any app must do to show an outside edit (be told, read, send, set the text, paint),
// with nothing of Story Bank in it. `node watchServer.js FILE`.
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const file = process.argv[2];
if (!file) {
  console.error('usage: watchServer.js FILE');
  process.exit(2);
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body>
<pre id="text"></pre>
<script>
  const text = document.getElementById('text');
  const socket = new WebSocket('ws://' + location.host + '/');
  socket.onmessage = (event) => (text.textContent = event.data);
  socket.onopen = () => document.body.setAttribute('data-connected', '');
</script></body></html>`;

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(PAGE);
});
const sockets = new WebSocketServer({ server });
let shown = null;
// A write may come as several events (truncate, then data): send each new text once.
watch(file, () => {
  readFile(file, 'utf8').then(
    (text) => {
      if (text === shown) return;
      shown = text;
      for (const socket of sockets.clients) socket.send(text);
    },
    () => {},
  );
});
server.listen(0, '127.0.0.1', () => {
  console.log(`running at http://127.0.0.1:${server.address().port}/`);
});
process.on('SIGTERM', () => {
  for (const socket of sockets.clients) socket.terminate();
  server.close(() => process.exit(0));
});
