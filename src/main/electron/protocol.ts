import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { protocol } from 'electron';
import { readStaticFile } from '../host/staticFiles';
import { serveMedia } from '../rehearsal/serveMedia';
import { contentSecurityPolicy } from '../security/contentSecurityPolicy';
import { APP_SCHEME, appRequest } from './policy';

/** Must run before `app` is ready: makes our scheme behave like https (secure, fetchable, streamed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir`, with the CSP on every response, and recordings
 * under `/media/` from the vault's rehearsals/ folder only (`vaultRoot()` is undefined until the
 * vault is open). Every decision is `appRequest` and `serveMedia`; this only converts responses.
 */
export function serveApp(rendererDir: string, vaultRoot: () => string | undefined, devServer: string | null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const route = appRequest(request.url);
    if (route?.kind === 'media') {
      const root = vaultRoot();
      if (!root) return new Response('not found', { status: 404 });
      const reply = await serveMedia(root, route.path, request.method, request.headers.get('range'));
      const body = reply.body ? (Readable.toWeb(reply.body) as ReadableStream<Uint8Array>) : (reply.text ?? null);
      return new Response(body as ConstructorParameters<typeof Response>[0], {
        status: reply.status,
        headers: reply.headers,
      });
    }
    if (route?.kind === 'renderer' && devServer) return fromDevServer(devServer, request.url);
    const file = route?.kind === 'renderer' ? await readStaticFile(rendererDir, route.path) : null;
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.type,
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/**
 * `npm run dev`: the renderer's files from Vite's dev server (see rendererDevServer), query and
 * all (Vite marks modules with it). The page's CSP is the dev server's meta tag, which carries
 * the run's style nonce; a header without it would refuse the styles Vite injects.
 */
async function fromDevServer(devServer: string, url: string): Promise<Response> {
  const { pathname, search } = new URL(url);
  const reply = await fetch(new URL(`${pathname}${search}`, devServer));
  return new Response(reply.body, {
    status: reply.status,
    headers: { 'Content-Type': reply.headers.get('content-type') ?? 'text/plain', 'X-Content-Type-Options': 'nosniff' },
  });
}
