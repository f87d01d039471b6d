import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { CallName, CallResults, Envelope, StartedTake, TakesChanged } from '../../src/core/api';
import type { TakeTiming } from '../../src/core/rehearsal/take';
import { dispatch } from '../../src/main/api/dispatch';
import { createStoryBankService, type ServiceOptions } from '../../src/main/api/storyBankService';
import { runGit } from '../../src/main/git/runGit';
import { Vault } from '../../src/main/vault/vault';
import { tempDir } from './tempDir';

/** 2 s of Chromium's fake camera and microphone as MediaRecorder wrote it (scripts/make-fake-camera-webm.js). */
export const FAKE_CAMERA_WEBM = join(process.cwd(), 'test', 'fixtures', 'media', 'fake-camera.webm');
export const RAFT_ID = 'raft-attestation-log';
export const RAFT_TITLE = 'Replicating attestations with Raft';
export const WEBM_TYPE = 'video/webm;codecs=vp8,opus';

/** The fixture cut into pieces of `size` bytes, as MediaRecorder hands them over (not on element boundaries). */
export async function fixtureChunks(size = 4096): Promise<{ whole: Buffer; chunks: Buffer[] }> {
  const whole = await readFile(FAKE_CAMERA_WEBM);
  const chunks: Buffer[] = [];
  for (let at = 0; at < whole.length; at += size) chunks.push(whole.subarray(at, at + size));
  return { whole, chunks };
}

export function timing(overrides: Partial<TakeTiming> = {}): TakeTiming {
  return {
    durationMs: 2000,
    sections: [
      { section: 'situation', targetMs: 15_000, durationMs: 500, voicedMs: 400, paceWpm: 150 },
      { section: 'task', targetMs: 15_000, durationMs: 500, voicedMs: 450, paceWpm: null },
      { section: 'action', targetMs: 60_000, durationMs: 600, voicedMs: 500, paceWpm: 142.5 },
      { section: 'result', targetMs: 30_000, durationMs: 400, voicedMs: 300, paceWpm: 160 },
    ],
    voicedMs: 1650,
    pauses: [{ startMs: 100, lengthMs: 2100, section: 'situation' }],
    paceWpm: 148.2,
    device: 'fake_device_0',
    mode: 'camera-and-mic',
    notes: 'Slow down in the Action.',
    ...overrides,
  };
}

/**
 * A temp copy of the sample vault (a fresh git repository) with its service, called through
 * `dispatch` with JSON in between, as both transports do.
 */
export async function openRehearsalVault(options: ServiceOptions = {}, root?: string) {
  if (!root) {
    root = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), root, { recursive: true });
  }
  const vault = await Vault.open(root);
  const service = createStoryBankService(
    vault,
    { host: 'browser', version: 'test' },
    { commitQuietMs: 60_000, ...options },
  );
  const changes: TakesChanged[] = [];
  service.subscribe((event, payload) => {
    if (event === 'takesChanged') changes.push(payload as TakesChanged);
  });
  const call = async <K extends CallName>(name: K, input: unknown): Promise<Envelope<CallResults[K]>> =>
    JSON.parse(JSON.stringify(await dispatch(service.handlers, name, JSON.parse(JSON.stringify(input)))));
  /** The call's value; fails the test with the error when it has none. */
  const ok = async <K extends CallName>(name: K, input: unknown): Promise<CallResults[K]> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const git = async (...args: string[]) => (await runGit(root, args)).stdout.trim();
  return {
    root,
    vault,
    service,
    changes,
    call,
    ok,
    git,
    close: async () => {
      await service.close();
      await vault.close();
    },
  };
}

/** `openRehearsalVault`, closed when the test ends. */
export async function openTakeVault(options: ServiceOptions = {}, root?: string) {
  const opened = await openRehearsalVault(options, root);
  onTestFinished(() => opened.close());
  return opened;
}

export type TakeVault = Awaited<ReturnType<typeof openTakeVault>>;

/** Starts a take of the story and sends it `chunks` in order. */
export async function recordTake(v: TakeVault, chunks: Buffer[], storyId = RAFT_ID): Promise<StartedTake> {
  const started = await v.ok('startTake', { storyId, mimeType: WEBM_TYPE });
  for (const [seq, chunk] of chunks.entries())
    await v.ok('appendTakeChunk', { takeId: started.takeId, seq, bytes: chunk.toString('base64') });
  return started;
}

/** The story's folder of takes. */
export const takeFolder = (root: string, storyId = RAFT_ID): string => join(root, 'rehearsals', storyId);
