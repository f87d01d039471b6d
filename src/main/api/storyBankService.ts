import type { ApiEvents, ApiHandlers, Envelope, EventName, GitState, VaultInfo } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { drillSummary } from '../../core/drill/drillStats';
import { AutoCommitter, DEFAULT_QUIET_MS } from '../git/autoCommitter';
import { readGitState } from '../git/gitState';
import { firstCommitDates, storyHistory, storyTextAt } from '../git/storyHistory';
import { join } from 'node:path';
import { lstat } from 'node:fs/promises';
import { exportDeliverable, exportPath, exportStatus } from '../export/exportDeliverable';
import { importStories } from '../import/importStories';
import { dispatch } from './dispatch';
import { readUiState, writeUiState } from '../ui/uiState';
import { resolveConflict, saveAgainstBase } from '../vault/conflicts';
import { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
import type { Vault } from '../vault/vault';
import { StoryDeleter } from '../vault/deleteStory';
import { listDeletedStories } from '../vault/deletedStories';
import { TitleIds } from '../vault/adoptTitleId';
import { moveTakes } from '../rehearsal/moveTakes';
import { readStoryOrder, StoryOrderFile } from '../vault/storyOrderFile';
import { orderStories } from '../../core/storyOrder';
import { STORY_ORDER_FILE } from '../../core/storyOrderFile';
import { lastCommitOf } from '../rehearsal/storyRevision';
import type { TakeFileSystem } from '../rehearsal/takeFileSystem';
import { TakeStore } from '../rehearsal/takeStore';

export type EventSink = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

export interface StoryBankService {
  handlers: ApiHandlers;
  /** One call from a transport, name and input unchecked: `dispatch` over `handlers`. */
  call(name: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** Registers a transport's way of sending events; returns the unsubscribe. */
  subscribe(sink: EventSink): () => void;
  /**
   * Follows edits made in other programs: the vault's stories and its order file. Each reports
   * what changed since it was read once its watcher is ready. A watcher that cannot start natively
   * polls instead.
   */
  startWatching(): Promise<void>;
  /** Ends takes still recording (as interrupted), commits what is pending, stops the timer (on quit). */
  close(): Promise<void>;
  /** Absolute path of the vault, for the hosts' media routes (which serve its rehearsals/ only). */
  vaultRoot: string;
  /** Rehearsal takes (exposed for tests: start-up recovery, open takes). */
  takes: TakeStore;
}

export interface ServiceOptions {
  /** Quiet period before saved stories are committed. */
  commitQuietMs?: number;
  /** Opens a file in the system's editor: Electron's shell, or the platform's opener. */
  openPath?: (absolutePath: string) => Promise<void>;
  /** Shows a file in its folder: Electron's shell, or the platform's opener on the folder. */
  revealPath?: (absolutePath: string) => Promise<void>;
  /** File operations for recordings in progress (tests make the disk fail through it). */
  takeFileSystem?: TakeFileSystem;
  /** A recording that receives no chunk for this long is ended as interrupted. */
  takeIdleMs?: number;
}

/** The one implementation of the API contract; transports only carry it. */
export function createStoryBankService(
  vault: Vault,
  info: Omit<VaultInfo, 'root'>,
  options: ServiceOptions = {},
): StoryBankService {
  const sinks = new Set<EventSink>();
  const send: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  vault.onChange((change) => send('storiesChanged', change));
  vault.onWatchState((state) => send('watchStateChanged', state));
  const committer = vault.gitRoot
    ? new AutoCommitter(
        vault.root,
        (state) => send('gitStateChanged', state),
        options.commitQuietMs ?? DEFAULT_QUIET_MS,
      )
    : null;

  const deleter = new StoryDeleter(vault, committer);
  // Read at once, watched from `startWatching`: the page's first load asks for the order, and
  // waiting for a watcher on stories/ (a scan of every file) held that answer back.
  const orderFile = StoryOrderFile.open(vault.root, vault.fileSystem).then((file) => {
    file.onChange((order) => send('storyOrderChanged', order));
    return file;
  });
  // Awaited by the calls that need it, which report a failure to start; never left unhandled.
  orderFile.catch(() => undefined);
  /**
   * The vault's stories in the bank's order, how the deliverable numbers them: the order file is
   * read afresh, so an edit made a moment ago elsewhere counts even before the watcher reports it.
   */
  const orderedStories = async () =>
    orderStories(vault.snapshot().stories, (await readStoryOrder(vault.root)).ids).map((record) => record.story);
  const recordOf = (id: string) => {
    const record = vault.findById(id);
    if (!record) throw new StoryBankError('not-found', `no story has the id "${id}"`);
    return record;
  };
  const takes = new TakeStore({
    vaultRoot: vault.root,
    story: (id) => {
      const record = vault.findById(id);
      return record && { title: record.story.title, file: record.file };
    },
    revision: async (id) => {
      const record = vault.findById(id);
      if (!record || !vault.gitRoot) return null;
      // The take rehearses the text as saved: commit it first if it is waiting for the quiet period.
      if (committer?.pendingFiles().includes(record.file)) await committer.flush();
      return lastCommitOf(vault.root, record.file);
    },
    commit: async (files, message) => {
      if (!committer)
        return { committed: false, message: 'the vault is not in a git repository: saved, not committed' };
      try {
        if (await committer.commitNow(files, message)) return { committed: true, message: `committed as "${message}"` };
      } catch (error) {
        return {
          committed: false,
          message: `git could not commit (${(error as Error).message}): saved, not committed`,
        };
      }
      const state = await readGitState(vault.root);
      if (state.kind === 'ok') return { committed: false, message: 'nothing to commit' };
      committer.note(files, message.replace(/^rehearsal: /, ''));
      return { committed: false, message: `${state.message}: saved, and committed with the next save. ${state.fix}` };
    },
    changed: (storyId) => send('takesChanged', { storyId }),
    fs: options.takeFileSystem,
    idleMs: options.takeIdleMs,
  });
  void takes.startRecovery();
  const titleIds = new TitleIds(
    vault,
    { isRecording: (id) => takes.isRecording(id), move: (from, to) => moveTakes(vault.root, from, to) },
    (files, title) => committer?.note(files, title),
  );
  const showDeliverable = async (how: ServiceOptions['openPath'], verb: string): Promise<void> => {
    const path = exportPath({ vaultRoot: vault.root, gitRoot: vault.gitRoot });
    const found = await lstat(path).catch(() => null);
    if (!found?.isFile())
      throw new StoryBankError('not-found', 'the deliverable has not been exported yet: export it first');
    if (!how) throw new StoryBankError('internal', `this host cannot ${verb} files`);
    await how(path).catch((error: Error) => {
      throw new StoryBankError('io', `could not ${verb} the deliverable: ${error.message}`);
    });
  };
  const gitState = async (): Promise<GitState> => ({
    ...(await readGitState(vault.root)),
    pending: committer?.pendingFiles() ?? [],
  });

  const handlers: ApiHandlers = {
    getVaultInfo: async () => ({ root: vault.root, ...info }),
    listStories: async () => vault.snapshot(),
    readStory: async ({ id }) => recordOf(id),
    saveStory: async ({ story: sent, baseHash }) => {
      // Edits (they name a base) sent under an id that a title has since replaced are that story's.
      // A creation (no base) is a new story, also when it takes a placeholder id freed that way.
      const id = baseHash === undefined ? sent.id : titleIds.current(sent.id);
      const story = id === sent.id ? sent : { ...sent, id };
      const result = await saveAgainstBase(vault, committer, story, baseHash);
      if (result.kind === 'saved' && result.written) {
        const renamedFrom = (result as { renamedFrom?: string }).renamedFrom;
        committer?.note(renamedFrom ? [renamedFrom, result.record.file] : [result.record.file], story.title);
      }
      return result.kind === 'saved' ? { kind: 'saved', record: result.record, written: result.written } : result;
    },
    resolveConflict: async ({ resolution, mine, mergedText, picked }) => {
      const id = titleIds.current(mine.id);
      const story = id === mine.id ? mine : { ...mine, id };
      return resolveConflict(vault, committer, resolution, story, mergedText, picked);
    },
    getGitState: gitState,
    getWatchState: async () => vault.watchState,
    commitNow: async () => {
      await committer?.flush();
      return gitState();
    },
    storyHistory: async ({ id }) => storyHistory(vault.root, recordOf(id).file),
    readStoryRevision: async ({ id, commit, path }) => {
      recordOf(id);
      const text = await storyTextAt(vault.root, commit, path).catch(() => {
        throw new StoryBankError('not-found', `no version of ${path} in commit ${commit.slice(0, 8)}`);
      });
      const parsed = parseStoryFile(text);
      const current = { currentText: (await vault.currentText(id))?.text ?? null, currentStory: recordOf(id).story };
      return parsed.ok
        ? { text, story: parsed.story, problem: null, ...current }
        : { text, story: null, problem: parsed.message, ...current };
    },
    restoreStoryRevision: async ({ id, commit, path }) => {
      const record = recordOf(id);
      const text = await storyTextAt(vault.root, commit, path).catch(() => {
        throw new StoryBankError('not-found', `no version of ${path} in commit ${commit.slice(0, 8)}`);
      });
      await committer?.flush();
      const restored = await vault.writeStoryText(record.file, text);
      await committer?.commitNow([record.file], `restore: ${record.story.title} to ${commit.slice(0, 8)}`);
      if (!restored)
        throw new StoryBankError(
          'conflict',
          `that version of ${path} is not a valid story; it was restored and is listed as needing attention`,
        );
      return restored;
    },
    deleteStory: ({ id }) => deleter.delete(id),
    restoreDeletedStory: ({ file, commit }) => deleter.restore(file, commit),
    listDeletedStories: async () => (vault.gitRoot ? listDeletedStories(vault.root) : []),
    adoptTitleId: async ({ id }) => {
      const adopted = await titleIds.adopt(id);
      if (adopted.previousId !== adopted.record.story.id) send('takesChanged', { storyId: adopted.record.story.id });
      return adopted;
    },
    exportDeliverable: async ({ force, resolve }) => {
      // Saved stories first, so the history reads: story edits, then the export made from them.
      await committer?.flush();
      const stories = await orderedStories();
      return exportDeliverable(
        { vaultRoot: vault.root, gitRoot: vault.gitRoot, stories, fileSystem: vault.fileSystem },
        { force, resolve },
      );
    },
    getExportStatus: async () =>
      exportStatus({
        vaultRoot: vault.root,
        gitRoot: vault.gitRoot,
        stories: await orderedStories(),
      }),
    getUiState: async () => readUiState(vault.root),
    saveUiState: async (state) => writeUiState(vault.root, state),
    openInSystemEditor: async ({ file }) => {
      // Only files the vault lists: a story, or a file that needs attention. Never any other path.
      const { stories, problems } = vault.snapshot();
      if (![...stories, ...problems].some((entry) => entry.file === file))
        throw new StoryBankError('not-found', `${file} is not a file of this vault`);
      if (!options.openPath) throw new StoryBankError('internal', 'this host cannot open files in another program');
      await options.openPath(join(vault.root, file)).catch((error: Error) => {
        throw new StoryBankError('io', `could not open ${file}: ${error.message}`);
      });
      return { opened: true as const };
    },
    // No path from the renderer: only the deliverable's own file is ever opened or shown.
    openDeliverable: async () => {
      await showDeliverable(options.openPath, 'open');
      return { opened: true as const };
    },
    revealDeliverable: async () => {
      await showDeliverable(options.revealPath, 'show in its folder');
      return { revealed: true as const };
    },
    importFiles: async ({ files }) => {
      const report = await importStories(vault, files);
      const added = report.imported.map((story) => story.file);
      const message = `import: ${added.length} ${added.length === 1 ? 'story' : 'stories'}`;
      // When git cannot commit now, the new files wait with the other pending saves.
      if (added.length && (await committer?.commitNow(added, message)) === false) committer?.note(added, message);
      return report;
    },
    // Not async: each call reaches the store in arrival order, which queues a take's chunks in order.
    startTake: ({ storyId, mimeType, drill }) => takes.start(storyId, mimeType, drill),
    appendTakeChunk: ({ takeId, seq, bytes }) => takes.append(takeId, seq, bytes),
    finishTake: ({ takeId, sidecar }) => takes.finish(takeId, sidecar),
    abortTake: ({ takeId, reason, sidecar }) => takes.abort(takeId, reason, sidecar),
    listTakes: ({ storyId }) => takes.list(storyId),
    deleteTake: ({ storyId, takeFile }) => takes.delete(storyId, takeFile),
    updateTakeNotes: ({ storyId, takeFile, notes }) => takes.updateNotes(storyId, takeFile, notes),
    updateTakeRubric: ({ storyId, takeFile, checked }) => takes.updateRubric(storyId, takeFile, checked),
    rehearsalOverview: async () => {
      const written = vault.gitRoot ? await firstCommitDates(vault.root) : new Map<string, string>();
      const stories = [];
      for (const record of vault.snapshot().stories) {
        const { takes: list } = await takes.list(record.story.id);
        stories.push({
          storyId: record.story.id,
          writtenAt: written.get(record.file) ?? null,
          takes: list
            .filter((take) => take.sidecar.status !== 'recording')
            .map(({ sidecar }) => ({
              date: sidecar.date,
              durationMs: sidecar.durationMs,
              status: sidecar.status,
              ...(sidecar.drill && { drill: drillSummary(sidecar.drill) }),
            }))
            .reverse(),
        });
      }
      return { stories };
    },
    getStoryOrder: async () => (await orderFile).current,
    setStoryOrder: async ({ ids, replaceUnreadable }) => {
      const file = await orderFile;
      const order = await file.write(ids, {
        replaceUnreadable,
        // What the user wrote there goes into history before it is replaced.
        beforeReplace: async () => {
          await committer?.commitNow([STORY_ORDER_FILE], 'order: unreadable order file kept');
        },
      });
      // Committed with the next quiet period, like a story's save: a run of moves is one commit.
      committer?.note([STORY_ORDER_FILE], 'order of the deliverable');
      return order;
    },
  };
  return {
    handlers,
    call: (name, input) => dispatch(handlers, name, input),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    vaultRoot: vault.root,
    takes,
    async startWatching() {
      await Promise.all([
        vault.startWatching().catch((error: NodeJS.ErrnoException) => vault.handleWatchError(error)),
        orderFile.then((file) => file.startWatching()),
      ]);
    },
    async close() {
      await takes.close();
      await (await orderFile.catch(() => null))?.close();
      committer?.stop();
      await committer?.flush();
    },
  };
}
