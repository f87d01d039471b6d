import { watch, type FSWatcher } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, type CallName, type Envelope } from '../src/core/api';
import { emptyTiming } from '../src/core/rehearsal/take';
import { dispatch } from '../src/main/api/dispatch';
import { createStoryBankService, type StoryBankService } from '../src/main/api/storyBankService';
import { Vault } from '../src/main/vault/vault';
import { until } from './helpers/sampleVault';
import { sampleStory } from './helpers/sampleStory';

/**
 * Every call of the API table, attacked the way a compromised page would: wrong types, missing
 * and extra fields (`__proto__` among them), whole inputs of the wrong shape, and hostile strings
 * (`../../etc/passwd`, `..\..\x`, absolute paths, NUL bytes, megabytes of text) in every field.
 * The real service runs on a real vault in a temp folder, beside a sentinel folder that nothing
 * may touch. It holds that:
 * - a value that names a file or a take (ids, paths, commits, take files) and is hostile is never
 *   accepted;
 * - a call the schema rejects answers `bad-request` and changes nothing in the vault (or its .git);
 * - no file outside the vault is created, changed or read (the sentinel's secret never comes back);
 * - a valid call still works after every attack.
 * Both transports hand their input to `dispatch` as `unknown`, so this covers IPC and the
 * WebSocket alike (the WebSocket's own framing is attacked in browserHost.test.ts).
 * FUZZ_RUNS (per call) and FUZZ_SEED lengthen or reproduce a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Per call: the slowest (resolveConflict, commitNow) run git for every accepted input. */
const TIMEOUT = Math.max(60_000, RUNS * 2000);

const SECRET = 'sentinel-secret-7f3a9c';
const PATH_KEYS = new Set(['id', 'storyId', 'takeId', 'takeFile', 'file', 'path', 'commit']);

let base: string;
let outside: string;
let vaultRoot: string;
let vault: Vault;
let service: StoryBankService;
let watcher: FSWatcher;
const outsideEvents: string[] = [];
const opened: string[] = [];
const tried: Record<string, { inputs: number; rejected: number; accepted: number; ms: number }> = {};

/** Every absolute path the attacks name lands in the sentinel folder or a system file. */
function hostileStrings(): string[] {
  return [
    '../../etc/passwd',
    '../../../outside/secret.txt',
    '..\\..\\x',
    '..\\..\\outside\\secret.txt',
    '/etc/passwd',
    join(outside, 'secret.txt'),
    join(outside, 'pwned.md'),
    'C:\\Windows\\win.ini',
    '\\\\server\\share\\x',
    'stories/../../../outside/pwned.md',
    'stories/%2e%2e/%2e%2e/x',
    'a\u0000b',
    'stories/x.md\u0000.png',
    'file:///etc/passwd',
    '~/.ssh/id_rsa',
    '',
    ' ',
    '..',
    '.',
    '.git/config',
    'x'.repeat(70_000),
    '../'.repeat(2000) + 'etc/passwd',
    'a'.repeat(2 * 1024 * 1024),
  ];
}

async function tree(root: string, skip?: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (path === skip) continue;
      const stat = await lstat(path, { bigint: true });
      found.set(relative(root, path), `${stat.size}:${stat.mtimeNs}:${stat.mode}`);
      // Git objects never change once written; their folder's mtime shows one added or removed.
      if (entry.isDirectory() && !/[\\/]\.git[\\/]objects[\\/][0-9a-f]{2}$/.test(path)) await walk(path);
    }
  };
  await walk(root);
  return found;
}

/** A valid input for every call (the story ids are real ones of the sample vault). */
function templates(storyId: string): { [K in CallName]: unknown } {
  const take = '0123456789abcdef0123456789abcdef';
  const commit = 'a'.repeat(40);
  return {
    getVaultInfo: {},
    listStories: {},
    readStory: { id: storyId },
    saveStory: { story: sampleStory({ id: 'fuzz-story', title: 'Fuzz story' }) },
    resolveConflict: { id: storyId, resolution: 'keep-mine', mine: sampleStory({ id: storyId }), mergedText: 'x' },
    getGitState: {},
    getWatchState: {},
    commitNow: {},
    storyHistory: { id: storyId },
    readStoryRevision: { id: storyId, commit, path: 'stories/a.md' },
    restoreStoryRevision: { id: storyId, commit, path: 'stories/a.md' },
    deleteStory: { id: 'no-such-story' },
    restoreDeletedStory: { file: 'stories/no-such-file.md', commit },
    exportDeliverable: { force: false },
    getExportStatus: {},
    getUiState: {},
    saveUiState: { lastStoryId: storyId },
    openInSystemEditor: { file: 'stories/a.md' },
    importFiles: { files: [{ name: 'answer.md', text: '# Answer\n\n## Situation\nx' }] },
    startTake: { storyId, mimeType: null },
    appendTakeChunk: { takeId: take, seq: 0, bytes: 'AAAA' },
    finishTake: { takeId: take, sidecar: emptyTiming('no-recording') },
    abortTake: { takeId: take, reason: 'fuzz', sidecar: emptyTiming('no-recording') },
    listTakes: { storyId },
    deleteTake: { storyId, takeFile: '2025-03-14T09-26-53Z.json' },
    updateTakeNotes: { storyId, takeFile: '2025-03-14T09-26-53Z.json', notes: 'fuzz' },
    rehearsalOverview: {},
  };
}

type Path = Array<string | number>;
const EXTRA = 'fuzz-extra-key';

/** Every place in a value: object keys and list items, at any depth. */
function places(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  const inner = Object.entries(value).flatMap(([key, child]) =>
    places(child, [...path, Array.isArray(value) ? Number(key) : key]),
  );
  return [path, ...inner];
}

function setAt(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

type Attack = { input: unknown; hostilePathField: boolean };

function attacks(template: unknown): fc.Arbitrary<Attack> {
  const spots = places(template);
  const leaves = spots.filter((path) => path.length > 0);
  const objects = spots.filter((path) => {
    const value = getAt(template, path);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  });
  const wrongValue = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.string(),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.object({ maxDepth: 2 }),
  );
  const hostile = fc.oneof(
    fc.constantFrom(...hostileStrings()),
    fc.tuple(fc.constantFrom(...hostileStrings().slice(0, 12)), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
  );
  const extraKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'path', 'file');
  const kinds: Array<fc.Arbitrary<Attack>> = [
    // A field of the wrong type (or a list, an object, null), the input itself included.
    fc
      .tuple(fc.constantFrom(...spots), wrongValue)
      .map(([path, v]) => ({ input: setAt(template, path, v), hostilePathField: false })),
    // An extra field in any object, including keys that would pollute prototypes if merged.
    fc.tuple(fc.constantFrom(...objects), extraKey, fc.oneof(fc.anything(), hostile)).map(([path, key, v]) => ({
      // Through JSON text, as a transport delivers it: `__proto__` becomes an own key, not a prototype.
      input: JSON.parse(JSON.stringify(setAt(template, [...path, EXTRA], v ?? 1)).replace(`"${EXTRA}"`, `"${key}"`)),
      hostilePathField: false,
    })),
    // The whole input of another shape.
    fc.anything().map((input) => ({ input, hostilePathField: false })),
  ];
  if (leaves.length > 0) {
    // A field missing.
    kinds.push(
      fc
        .constantFrom(...leaves)
        .map((path) => ({ input: setAt(template, path, undefined, true), hostilePathField: false })),
    );
    // A hostile string in any field.
    kinds.push(
      fc.tuple(fc.constantFrom(...leaves), hostile).map(([path, v]) => ({
        input: setAt(template, path, v),
        hostilePathField: PATH_KEYS.has(String(path[path.length - 1])),
      })),
    );
  }
  return fc.oneof(...kinds);
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)?.[key], value);
}

beforeAll(async () => {
  // <base>/outside is the sentinel; the vault sits two levels down, so `../../x` lands in <base>.
  base = await mkdtemp(join(tmpdir(), 'story-bank-fuzz-'));
  outside = join(base, 'outside');
  vaultRoot = join(base, 'home', 'user', 'vault');
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'secret.txt'), SECRET);
  await cp(join(process.cwd(), 'resources', 'sample-vault'), vaultRoot, { recursive: true });
  vault = await Vault.open(vaultRoot);
  await vault.startWatching();
  service = createStoryBankService(
    vault,
    { host: 'browser', version: 'fuzz' },
    {
      // No commit by timer during the run: a rejected call must leave .git exactly as it was.
      commitQuietMs: 3_600_000,
      // Never starts a program: records what would have been opened.
      openPath: async (path) => void opened.push(path),
    },
  );
  // Anything happening under <base> but outside the vault is a file written where none may be.
  watcher = watch(base, { recursive: true }, (_event, name) => {
    const path = join(base, String(name));
    if (!(path + sep).startsWith(vaultRoot + sep)) outsideEvents.push(String(name));
  });
});

afterAll(async () => {
  watcher?.close();
  await service?.close();
  await vault?.close();
  if (base) await rm(base, { recursive: true, force: true });
  const total = Object.values(tried).reduce((sum, t) => sum + t.inputs, 0);
  console.log(
    `API fuzz (FUZZ_RUNS=${RUNS}${SEED === undefined ? '' : `, FUZZ_SEED=${SEED}`}): ${total} inputs over ${Object.keys(tried).length} calls; per call:`,
    tried,
  );
});

describe('the API table under attack', () => {
  let before: Map<string, string>;
  let valid: { [K in CallName]: unknown };
  /** The vault as the last call left it (walked again only after a call that was accepted). */
  let vaultState: Map<string, string> | undefined;

  beforeAll(async () => {
    // The alarm works: a file written outside the vault is seen.
    await writeFile(join(outside, 'alarm-check'), 'x');
    await until(() => outsideEvents.length > 0, 'the watcher reporting a write outside the vault');
    await rm(join(outside, 'alarm-check'));
    await until(() => outsideEvents.length > 1, 'the watcher reporting a removal outside the vault');
    outsideEvents.length = 0;
    before = await tree(base, vaultRoot);
    const stories = await dispatch(service.handlers, 'listStories', {});
    const storyId = (stories as { value: { stories: Array<{ story: { id: string } }> } }).value.stories[0].story.id;
    valid = templates(storyId);
  });

  it('has a valid input for every call of the table', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(apiCalls).sort());
  });

  for (const name of Object.keys(apiCalls) as CallName[]) {
    it(
      `${name}: hostile ids and paths never accepted, rejected input changes nothing, still serving`,
      async () => {
        const counts = (tried[name] = { inputs: 0, rejected: 0, accepted: 0, ms: 0 });
        const started = Date.now();
        await fc.assert(
          fc.asyncProperty(attacks(valid[name]), async ({ input, hostilePathField }) => {
            counts.inputs += 1;
            // What a transport delivers: JSON, so `__proto__` arrives as an own key.
            const wire = input === undefined ? undefined : JSON.parse(JSON.stringify(input) ?? 'null');
            const schemaAccepts = apiCalls[name].safeParse(wire ?? {}).success;
            if (!schemaAccepts) vaultState ??= await tree(vaultRoot);
            const result: Envelope<unknown> = await dispatch(service.handlers, name, wire);
            const text = JSON.stringify(result);
            expect(text).not.toContain(SECRET);
            expect(text).not.toMatch(/root:x?:0:0/);
            if (hostilePathField) expect(result.ok, `${name} accepted ${text.slice(0, 200)}`).toBe(false);
            if (!schemaAccepts) {
              counts.rejected += 1;
              expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
              expect((result as { error: { message: string } }).error.message.length).toBeLessThan(2000);
              expect(await tree(vaultRoot)).toEqual(vaultState);
            } else {
              counts.accepted += 1;
              vaultState = undefined;
            }
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
          { numRuns: RUNS, seed: SEED },
        );
        counts.ms = Date.now() - started;
        // Still serving: a valid call answers after the attacks on this one.
        expect(await dispatch(service.handlers, 'getVaultInfo', {})).toMatchObject({ ok: true });
      },
      TIMEOUT,
    );
  }

  it('wrote, changed or removed nothing outside the vault, and opened nothing outside it', async () => {
    // A marker written last, outside the vault: once the watcher reports it, it has reported
    // everything written before it.
    await writeFile(join(base, 'flush-marker'), 'x');
    await until(() => outsideEvents.includes('flush-marker'), 'the watcher reporting the marker');
    await rm(join(base, 'flush-marker'));
    // The alarm check's own events may arrive late on a loaded machine (one flaked so): they are not the API's.
    expect(
      outsideEvents.filter((name) => !['flush-marker', 'outside/alarm-check', 'alarm-check'].includes(name)),
    ).toEqual([]);
    expect(await tree(base, vaultRoot)).toEqual(before);
    for (const path of opened) expect(path.startsWith(vaultRoot + sep)).toBe(true);
    expect(await dispatch(service.handlers, 'listStories', {})).toMatchObject({ ok: true });
  });
});
