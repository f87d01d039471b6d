import { randomBytes } from 'node:crypto';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tempDir';
import { makeWebmSeekable, readWebmInfo } from './webmSeekable';

/** 2 s of Chromium's fake camera and microphone as MediaRecorder wrote it (scripts/make-fake-camera-webm.js). */
const FAKE_CAMERA_WEBM = join(process.cwd(), 'test', 'fixtures', 'media', 'fake-camera.webm');

async function copyOf(bytes?: Buffer): Promise<string> {
  const path = join(await tempDir(), '2025-01-01T00-00-00Z.webm');
  if (bytes) await writeFile(path, bytes);
  else await copyFile(FAKE_CAMERA_WEBM, path);
  return path;
}

describe('making a MediaRecorder webm seekable', () => {
  it('the fixture is what MediaRecorder writes: frames, but no duration and no cues', async () => {
    const info = await readWebmInfo(FAKE_CAMERA_WEBM);
    expect(info).toMatchObject({ durationMs: null, cues: 0, trailingBytes: 0 });
    expect(info.blocks).toBeGreaterThan(20);
    expect((await readFile(FAKE_CAMERA_WEBM)).length).toBeLessThan(300 * 1024);
  });

  it('adds a duration and cues in front of the same frames, once', async () => {
    const path = await copyOf();
    const before = await readWebmInfo(path);
    const original = await readFile(path);
    const outcome = await makeWebmSeekable(path);
    expect(outcome).toMatchObject({
      seekable: true,
      message: expect.stringMatching(/^ready to play from any point, 2\.0 s$/),
    });
    const after = await readWebmInfo(path);
    expect(after.durationMs).toBeCloseTo(outcome.durationMs!, 0);
    expect(after.durationMs).toBeGreaterThanOrEqual(before.lastBlockMs);
    expect(after.durationMs).toBeLessThan(before.lastBlockMs + 200);
    expect(after.cues).toBeGreaterThan(0);
    expect(after.blocks).toBe(before.blocks);
    expect(after.trailingBytes).toBe(0);
    const fixed = await readFile(path);
    expect(outcome.bytes).toBe(fixed.length);
    // The clusters are copied byte for byte; only the metadata in front changed.
    const clusters = original.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
    expect(fixed.subarray(fixed.length - (original.length - clusters)).equals(original.subarray(clusters))).toBe(true);
    // No temp file is left beside it.
    expect(await readdir(join(path, '..'))).toEqual(['2025-01-01T00-00-00Z.webm']);

    const again = await makeWebmSeekable(path);
    expect(again).toMatchObject({
      seekable: true,
      message: expect.stringMatching(/^ready to play from any point \(as recorded\)/),
    });
    expect((await readFile(path)).equals(fixed)).toBe(true);
  });

  it('cuts a file torn by a crash back to its last whole element, wherever the tear is', async () => {
    const whole = await readFile(FAKE_CAMERA_WEBM);
    const full = await readWebmInfo(FAKE_CAMERA_WEBM);
    for (const cut of [400, 1000, 5000, 12_345, whole.length - 7]) {
      const path = await copyOf(whole.subarray(0, cut));
      const outcome = await makeWebmSeekable(path);
      expect(outcome.seekable, `cut at ${cut}`).toBe(true);
      expect(outcome.message, `cut at ${cut}`).toMatch(/the last \d+ bytes, cut off mid-write, were left out/);
      const info = await readWebmInfo(path);
      expect(info.trailingBytes, `cut at ${cut}`).toBe(0);
      expect(info.blocks).toBeGreaterThan(0);
      expect(info.blocks).toBeLessThan(full.blocks);
      expect(info.durationMs).toBeGreaterThanOrEqual(info.lastBlockMs);
    }
  });

  it('keeps a file it cannot fix exactly as it was, and says so', async () => {
    const cases: Array<[string, Buffer]> = [
      ['random bytes', randomBytes(5000)],
      ['a header and no frames', (await readFile(FAKE_CAMERA_WEBM)).subarray(0, 190)],
      ['an empty file', Buffer.alloc(0)],
    ];
    for (const [what, bytes] of cases) {
      const path = await copyOf(bytes);
      const outcome = await makeWebmSeekable(path);
      expect(outcome.seekable, what).toBe(false);
      expect(outcome.message, what).toMatch(/^kept as recorded: .*; it plays, but skipping ahead may not work$/);
      expect((await readFile(path)).equals(bytes), what).toBe(true);
      expect(await readdir(join(path, '..'))).toEqual(['2025-01-01T00-00-00Z.webm']);
    }
  });

  it('fixes a file thirty times the fixture in well under the test timeout (streamed, not loaded whole)', async () => {
    // 30 copies of the fixture's clusters after one header: about a minute of frames.
    const whole = await readFile(FAKE_CAMERA_WEBM);
    const clusters = whole.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
    const path = await copyOf(Buffer.concat([whole, ...Array.from({ length: 29 }, () => whole.subarray(clusters))]));
    const started = performance.now();
    const outcome = await makeWebmSeekable(path);
    const elapsed = performance.now() - started;
    expect(outcome.seekable).toBe(true);
    expect((await readWebmInfo(path)).cues).toBeGreaterThanOrEqual(30);
    expect(elapsed).toBeLessThan(5000);
  });
});
