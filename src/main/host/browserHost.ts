import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { MEDIA_PATH_PREFIX } from '../../core/rehearsal/take';
import { serveMedia } from '../rehearsal/serveMedia';
import type { StoryBankService } from '../api/storyBankService';
import { contentSecurityPolicy } from '../security/contentSecurityPolicy';
import { cookieName, judgeRequest, newToken, requestTarget } from './hostAuth';
import { readStaticFile } from './staticFiles';

/** Largest WebSocket message accepted; a whole story is a few kilobytes. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const API_PATH = '/api';

export interface BrowserHostOptions {
  /**
   * The service, or its promise while the vault is still opening: the host serves the page at
   * once, and calls and recordings wait for the vault (see serve.ts).
   */
  service: StoryBankService | Promise<StoryBankService>;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /**
   * `npm run dev` only: the page is served by Vite's dev server on this loopback port (hot reload),
   * which forwards `/api` and `/media` here. Its address passes the Host and Origin checks, the
   * token visit sends the browser on to it, and the host serves no page files of its own.
   * `story-bank serve` never sets it.
   */
  devServerPort?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  /** Loads the WebSocket server now, for the page's socket to come (a socket that comes first loads it itself). */
  acceptSockets(): void;
  close(): Promise<void>;
}

/**
 * On every response. No Cross-Origin-Opener-Policy: all it would do is cut the handle a page that
 * opened ours keeps to it. Only a page that holds the token, or one on this machine's own site
 * (the cookie is SameSite=Strict), can open ours with the app in it, and its handle reaches a tab
 * that listens to no window messages, cannot be framed, and whose content is another origin's.
 * The header made Chromium move the page to a new renderer process on every start (COOP's
 * browsing context group switch), about 30 ms (docs/performance.md, ninth round).
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * Serves the built renderer and the API on 127.0.0.1 only, for machines without the Electron
 * binary and for end-to-end tests. The same API table as Electron IPC, carried over a WebSocket.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? newToken();
  const ready = Promise.resolve(options.service);
  // A vault that fails to open ends the process (serve.ts); until then nothing waits unhandled.
  ready.catch(() => undefined);
  // ws (and the zlib, tls and https modules it requires) is loaded while the page is on its way:
  // the page's socket only comes after the page has loaded. Loaded from here at once, it still
  // held the address back (some 20 ms of the host's start, in a CPU profile): `acceptSockets`
  // loads it, once the address is out (serve.ts), or the first socket does.
  let sockets: Promise<WebSocketServer> | undefined;
  const acceptSockets = (): Promise<WebSocketServer> =>
    (sockets ??= import('ws').then(
      ({ WebSocketServer }) => new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES }),
    ));
  let port = 0;
  const devServer = options.devServerPort === undefined ? undefined : `http://127.0.0.1:${options.devServerPort}`;

  const server = createServer((request, response) => {
    // An async function: whatever it throws arrives here as a rejection, never as a crash.
    void serveHttp(request, response).catch((error: unknown) => {
      console.error('story-bank host:', error);
      if (response.headersSent) response.destroy();
      else send(response, 500, 'internal error');
    });
  });
  // Requests Node's parser refuses (bad request line, headers too large, a reset mid-request).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
    refuseSocket(socket, clientErrorStatus(error)),
  );

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = judgeRequest(request, port, token, false, options.devServerPort);
    if (verdict === 'bad-request') return send(response, 400, '400: bad request', true);
    if (verdict === 'forbidden') return send(response, 403, '403: requests must come from this Story Bank page');
    if (verdict === 'unauthorized') {
      return send(
        response,
        401,
        '401: open Story Bank with the link printed when the host started (it carries the token)',
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'method not allowed');
    const url = requestTarget(request.url);
    if (!url) return send(response, 400, '400: bad request', true);
    if (url.searchParams.has('token')) {
      // Trade the token in the address bar for a cookie, so it leaves the visible URL and history.
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        // Cookies are per host, not per port: the dev server's page sends this one as well.
        Location: devServer ? `${devServer}${url.pathname}` : url.pathname,
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return void response.end();
    }
    if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) {
      // Recordings, from the vault's rehearsals/ folder only (behind the same token and checks).
      const reply = await serveMedia((await ready).vaultRoot, url.pathname, request.method, request.headers.range);
      response.writeHead(reply.status, { ...SECURITY_HEADERS, ...reply.headers });
      if (!reply.body) return void response.end(reply.text);
      reply.body.on('error', () => response.destroy());
      response.on('close', () => reply.body?.destroy());
      return void reply.body.pipe(response);
    }
    if (devServer) return send(response, 404, `404: in development the page is served at ${devServer}/`);
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) return send(response, 404, 'not found');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': file.body.length });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the socket over without an 'error' listener: a reset would otherwise crash us.
    socket.on('error', () => socket.destroy());
    try {
      const verdict = judgeRequest(request, port, token, true, options.devServerPort);
      const path = requestTarget(request.url)?.pathname;
      if (verdict !== 'ok' || path !== API_PATH) {
        refuseSocket(socket, verdict === 'bad-request' ? 400 : verdict === 'unauthorized' ? 401 : 403);
        return;
      }
      acceptSockets().then(
        (wss) => wss.handleUpgrade(request, socket, head, (ws) => connect(ws)),
        () => refuseSocket(socket, 500),
      );
    } catch (error) {
      console.error('story-bank host:', error);
      refuseSocket(socket, 500);
    }
  });

  function connect(ws: WebSocket): void {
    let unsubscribe = (): void => {};
    void ready.then((service) => {
      if (ws.readyState !== ws.OPEN) return;
      unsubscribe = service.subscribe((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      });
    });
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let message: unknown;
        try {
          message = isBinary ? undefined : JSON.parse(data.toString());
        } catch {
          message = undefined;
        }
        const { id, call, input } = (message ?? {}) as { id?: unknown; call?: unknown; input?: unknown };
        if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
          ws.send(
            JSON.stringify({
              id: null,
              result: {
                ok: false,
                error: { code: 'bad-request', message: 'a message is {"id": number, "call": name, "input": {...}}' },
              },
            }),
          );
          return;
        }
        const result = await (await ready).call(call, input);
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
      })().catch((error: unknown) => {
        console.error('story-bank host:', error);
        ws.terminate();
      });
    });
    ws.on('close', () => unsubscribe());
    ws.on('error', () => unsubscribe());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    acceptSockets: () => void acceptSockets().catch(() => undefined),
    close: async () => {
      const wss = sockets ? await sockets.catch(() => null) : null;
      await new Promise<void>((resolve) => {
        for (const client of wss?.clients ?? []) client.terminate();
        wss?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** `close`: the request was malformed, so the connection is not kept for another. */
function send(response: ServerResponse, status: number, text: string, close = false): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...(close ? { Connection: 'close' } : {}),
  });
  response.end(`${text}\n`);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/** The status for a request Node's parser refused, as Node itself would answer it. */
function clientErrorStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** How long a refused client has to read the answer and close before its socket is destroyed. */
const LINGER_MS = 5_000;

/**
 * Answers `status` on a raw socket and closes it; a socket already gone, or one a response has
 * already started on, is only destroyed.
 */
function refuseSocket(socket: Duplex, status: number): void {
  const written = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
  if (socket.destroyed || !socket.writable || socket.writableEnded || written > 0) {
    socket.destroy();
    return;
  }
  const head = `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
  // Ended, not destroyed: bytes the client is still sending would turn a close into a reset
  // that can lose the answer. A client that never closes its side is cut off after a while.
  socket.end(head);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
