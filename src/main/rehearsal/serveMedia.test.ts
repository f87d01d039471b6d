import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { serveMedia } from './serveMedia';

const FILE = '2025-03-14T09-26-53Z.webm';
const PATH = `/media/raft/${FILE}`;
const BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

async function vaultWithRecording(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, 'rehearsals', 'raft'), { recursive: true });
  await writeFile(join(root, 'rehearsals', 'raft', FILE), BYTES);
  await writeFile(join(root, 'rehearsals', 'raft', FILE.replace('.webm', '.json')), '{}');
  return root;
}

async function body(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('serveMedia', () => {
  it('sends the whole recording, or one range of it, as webm that is never sniffed', async () => {
    const root = await vaultWithRecording();
    const whole = await serveMedia(root, PATH, 'GET', undefined);
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({
      'Content-Type': 'video/webm',
      'Content-Length': '1000',
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(await body(whole.body)).toEqual(BYTES);

    const part = await serveMedia(root, PATH, 'GET', 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers).toMatchObject({ 'Content-Range': 'bytes 100-199/1000', 'Content-Length': '100' });
    expect(await body(part.body)).toEqual(BYTES.subarray(100, 200));

    const tail = await serveMedia(root, PATH, 'GET', 'bytes=-10');
    expect(await body(tail.body)).toEqual(BYTES.subarray(990));

    const head = await serveMedia(root, PATH, 'HEAD', 'bytes=0-');
    expect(head).toMatchObject({ status: 206, body: null, headers: { 'Content-Length': '1000' } });

    const past = await serveMedia(root, PATH, 'GET', 'bytes=5000-');
    expect(past).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */1000' } });
    expect((await serveMedia(root, PATH, 'POST', undefined)).status).toBe(405);
  });

  it('answers 404 for anything but a recording in its real folder: sidecars, folders, traversal, links', async () => {
    const root = await vaultWithRecording();
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.webm'), 'secret');
    await writeFile(join(root, 'stories.webm'), 'not in rehearsals');
    for (const path of [
      `/media/raft/${FILE.replace('.webm', '.json')}`,
      '/media/raft/',
      '/media/',
      `/media/other/${FILE}`,
      `/media/raft/../../stories.webm`,
      `/media/%2e%2e/${FILE}`,
      `/media/raft/%2e%2e%2f%2e%2e%2fstories.webm`,
    ])
      expect((await serveMedia(root, path, 'GET', undefined)).status, path).toBe(404);

    // A recording that is a link to a file elsewhere.
    const linked = '2025-03-14T09-26-54Z.webm';
    await symlink(join(outside, 'secret.webm'), join(root, 'rehearsals', 'raft', linked));
    expect((await serveMedia(root, `/media/raft/${linked}`, 'GET', undefined)).status).toBe(404);

    // A story folder that is a link to a folder elsewhere.
    await writeFile(join(outside, FILE), 'secret');
    await symlink(outside, join(root, 'rehearsals', 'linked'));
    expect((await serveMedia(root, `/media/linked/${FILE}`, 'GET', undefined)).status).toBe(404);

    // rehearsals/ itself a link.
    await mkdir(join(outside, 'raft'));
    await writeFile(join(outside, 'raft', FILE), 'secret');
    await rm(join(root, 'rehearsals'), { recursive: true });
    await symlink(outside, join(root, 'rehearsals'));
    expect((await serveMedia(root, PATH, 'GET', undefined)).status).toBe(404);
  });
});
