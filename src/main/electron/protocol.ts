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
export function serveApp(rendererDir: string, vaultRoot: () => string | undefined): void {
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
