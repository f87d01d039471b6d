#!/usr/bin/env node
// Records Chromium's fake camera and microphone with MediaRecorder, exactly as the app's
// rehearsal recorder does (webm, a chunk about every second), and writes the bytes as recorded:
// no duration, no cues, as every MediaRecorder webm is. Used for the rehearsal storage tests.
//
//   node scripts/make-fake-camera-webm.js                  → test/fixtures/media/fake-camera.webm (2 s, small)
//   node scripts/make-fake-camera-webm.js --seconds 60 --size 640x480 --bitrate 2500000 --out /tmp/take60.webm
//   (add --video-file FILE.y4m to film that clip, looped, instead of the fake camera's test pattern:
//   a clip of noise compresses as badly as a real webcam, for a realistic file size)
//
// Run it under the shared lock: flock /tmp/sb-e2e.lock node scripts/make-fake-camera-webm.js
/* global MediaRecorder -- the recording runs in the page, where MediaRecorder exists */
import { createServer } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAKE_MEDIA_ARGS } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const seconds = Number(option('seconds', '2'));
const [width, height] = option('size', '160x120').split('x').map(Number);
const bitrate = Number(option('bitrate', '150000'));
const out = option('out', join(root, 'test', 'fixtures', 'media', 'fake-camera.webm'));
const videoFile = option('video-file', null);

// getUserMedia needs a secure context: a page on 127.0.0.1 is one. The page posts the recording back.
let received;
const uploaded = new Promise((resolve) => (received = resolve));
const server = createServer((req, res) => {
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      received(Buffer.concat(chunks));
      res.end('ok');
    });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<!doctype html><title>record</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [
    ...CHROMIUM_ARGS,
    ...FAKE_MEDIA_ARGS,
    ...(videoFile ? [`--use-file-for-fake-video-capture=${videoFile}`] : []),
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(
    async ({ seconds, width, height, bitrate }) => {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width, height, frameRate: 15 },
        audio: true,
      });
      const mimeType = 'video/webm;codecs=vp8,opus';
      const recorder = new MediaRecorder(stream, {
        mimeType,
        videoBitsPerSecond: bitrate,
        audioBitsPerSecond: 32000,
      });
      const chunks = [];
      recorder.ondataavailable = (event) => event.data.size && chunks.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(1000);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      recorder.stop();
      await stopped;
      for (const track of stream.getTracks()) track.stop();
      await fetch('/upload', { method: 'POST', body: new Blob(chunks) });
    },
    { seconds, width, height, bitrate },
  );
  const bytes = await uploaded;
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  console.log(`${out}: ${bytes.length} bytes, ${seconds} s of ${width}x${height} vp8 + opus`);
} finally {
  await browser.close();
  server.close();
}
