import { z } from 'zod';
import type { FieldConflict } from './conflictFields';
import { MAX_RUBRIC_ITEMS } from './drill/drillRecord';
import { drillRecordSchema } from './drill/drillSchema';
import { MAX_TAKE_NOTES, type TakeSidecar } from './rehearsal/take';
import { takeFileSchema, takeTimingSchema } from './rehearsal/takeSchema';
import type { FileProblem, Story, StoryRecord } from './story';
import { storyIdSchema, storySchema } from './storySchema';
import type { ExportOutcome, ExportStatus } from './deliverable/exportOutcome';
import type {
  StartedTake,
  AppendedChunk,
  StoredTake,
  FinishedTake,
  TakeList,
  DeletedTake,
  RehearsalOverview,
  TakesChanged,
} from './rehearsal/takeApi';

export type {
  StartedTake,
  AppendedChunk,
  TakeMedia,
  StoredTake,
  FinishedTake,
  TakeProblem,
  TakeList,
  DeletedTake,
  TakeOverview,
  RehearsalOverview,
  TakesChanged,
} from './rehearsal/takeApi';

/**
 * The one contract between the renderer and the main process. Every call has a schema for its
 * input (parsed from `unknown` on the main side, whatever the transport) and a result type; every
 * event has a payload type. Electron IPC and the browser host's WebSocket both carry this table.
 */
const commitSchema = z.string().regex(/^[0-9a-f]{40}$/, 'a commit is 40 hexadecimal digits');
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a content hash is 64 hexadecimal digits');
/** A repository path as `git log` prints it: relative, no `..`, no NUL, bounded. */
const repoPathSchema = z
  .string()
  .max(1024)
  .refine(
    (path) => !path.includes('\0') && !path.startsWith('/') && !path.split(/[\\/]/).includes('..'),
    'not a path inside the repository',
  );

/** Largest piece of a recording one `appendTakeChunk` carries (the renderer sends one a second). */
export const MAX_TAKE_CHUNK_BYTES = 2 * 1024 * 1024;
const takeIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a take id is 32 hexadecimal digits');
/** Base64 of at most `MAX_TAKE_CHUNK_BYTES` bytes: inside the browser host's 4 MiB message limit. */
const chunkSchema = z
  .string()
  .max(Math.ceil(MAX_TAKE_CHUNK_BYTES / 3) * 4, 'a chunk is at most 2 MiB')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'a chunk is base64')
  .refine((text) => text.length % 4 === 0, 'a chunk is base64 (its length a multiple of 4)');
/** What MediaRecorder records into: webm only, video (with or without sound) or sound alone. */
const recordingTypeSchema = z
  .string()
  .max(100)
  .regex(
    /^(video|audio)\/webm(;\s*codecs=(?:"[a-z0-9., ]+"|[a-z0-9.,]+))?$/i,
    'a recording is video/webm or audio/webm',
  );

/**
 * How the user settled an export's conflict with their hand edits: their lines or the export's
 * where both changed the same lines, or `text` they edited from the merge. The hashes name the
 * file on disk and the export the conflict was shown for: if either changed since, nothing is written.
 */
const exportResolutionSchema = z
  .object({
    choice: z.enum(['mine', 'new', 'edited']),
    fileHash: hashSchema,
    exportHash: hashSchema,
    text: z
      .string()
      .max(1024 * 1024)
      .optional(),
  })
  .strict();
export type ExportResolution = z.infer<typeof exportResolutionSchema>;

export const apiCalls = {
  getVaultInfo: z.object({}).strict(),
  listStories: z.object({}).strict(),
  readStory: z.object({ id: storyIdSchema }).strict(),
  /** `baseHash`: the file version the edits started from; a different file on disk is a conflict. */
  saveStory: z.object({ story: storySchema.strict(), baseHash: hashSchema.optional() }).strict(),
  resolveConflict: z
    .object({
      id: storyIdSchema,
      resolution: z.enum(['keep-mine', 'take-theirs', 'use-merged', 'use-fields']),
      mine: storySchema.strict(),
      /** For `use-fields`: the story the user's picks per field make (`mine` is committed first). */
      picked: storySchema.strict().optional(),
      mergedText: z
        .string()
        .max(1024 * 1024)
        .optional(),
    })
    .strict(),
  getGitState: z.object({}).strict(),
  getWatchState: z.object({}).strict(),
  commitNow: z.object({}).strict(),
  storyHistory: z.object({ id: storyIdSchema }).strict(),
  readStoryRevision: z.object({ id: storyIdSchema, commit: commitSchema, path: repoPathSchema }).strict(),
  restoreStoryRevision: z.object({ id: storyIdSchema, commit: commitSchema, path: repoPathSchema }).strict(),
  /** Removes a story's file (`git rm` and a commit); `restoreDeletedStory` undoes it. */
  deleteStory: z.object({ id: storyIdSchema }).strict(),
  /**
   * Puts back a file `deleteStory` removed: as it was before `commit` (null: deleted without git,
   * this run). Never over a story there now: one with its file or id is kept, and the deleted story
   * comes back under a new file and id (the result's record says which).
   */
  restoreDeletedStory: z.object({ file: repoPathSchema, commit: commitSchema.nullable() }).strict(),
  /** Stories deleted in the vault's git history and not restored since, newest first. */
  listDeletedStories: z.object({}).strict(),
  /**
   * Gives a story that still has the id `newStory` gave it (`untitled-story-3`) the id of its real
   * title, unique in the vault; its takes follow. Does nothing for any other story.
   */
  adoptTitleId: z.object({ id: storyIdSchema }).strict(),
  /**
   * Writes the week-23 deliverable, merging hand edits made to it since the last export; `force`
   * overwrites them instead, and `resolve` settles a conflict the previous call showed.
   */
  exportDeliverable: z.object({ force: z.boolean().optional(), resolve: exportResolutionSchema.optional() }).strict(),
  /** Where the deliverable stands: written, in step with the stories, committed. */
  getExportStatus: z.object({}).strict(),
  /** What the app remembers of the last session in this vault (the open story). */
  getUiState: z.object({}).strict(),
  saveUiState: z.object({ lastStoryId: storyIdSchema.nullable() }).strict(),
  /** Opens the exported deliverable (only that file) with the system's program for it. */
  openDeliverable: z.object({}).strict(),
  /** Shows the exported deliverable in its folder (the file manager). */
  revealDeliverable: z.object({}).strict(),
  /** Opens a vault file (a story, or one that needs attention) in the system's editor. */
  openInSystemEditor: z.object({ file: repoPathSchema }).strict(),
  /** Adds the stories in these markdown files (a deliverable, or one answer a file) as new stories. */
  importFiles: z
    .object({
      files: z
        .array(
          z
            .object({
              name: z.string().min(1).max(255),
              text: z.string().max(1024 * 1024),
            })
            .strict(),
        )
        .min(1, 'choose at least one file')
        .max(200),
    })
    .strict(),
  /**
   * Starts a rehearsal take of a story: `mimeType` is what MediaRecorder records into, or null for
   * a take with timing only. Main names the files (the start time) and writes a `recording` sidecar.
   */
  startTake: z
    .object({
      storyId: storyIdSchema,
      mimeType: recordingTypeSchema.nullable(),
      /**
       * A drill's record as it stands when the telling starts (question, picks; no rubric yet):
       * written into the `recording` sidecar, so a take a crash ends is still known as that drill.
       */
      drill: drillRecordSchema.optional(),
    })
    .strict(),
  /**
   * Appends the next piece of the recording and flushes it to disk. `seq` counts from 0: a repeated
   * one is ignored (a resend), a skipped one is an error (nothing is written).
   */
  appendTakeChunk: z
    .object({ takeId: takeIdSchema, seq: z.number().int().min(0).max(1_000_000), bytes: chunkSchema })
    .strict(),
  /** Ends a take: the recording is made seekable, the sidecar written and committed. */
  finishTake: z.object({ takeId: takeIdSchema, sidecar: takeTimingSchema }).strict(),
  /**
   * Ends a take that failed (a device gone, the disk full, the user gave up): what was recorded is
   * kept and the sidecar says `interrupted`, with `reason` and whatever timing there is.
   */
  abortTake: z
    .object({
      takeId: takeIdSchema,
      reason: z.string().min(1).max(500),
      sidecar: takeTimingSchema.optional(),
    })
    .strict(),
  /** A story's takes, newest first; sidecars that cannot be read are listed as problems. */
  listTakes: z.object({ storyId: storyIdSchema }).strict(),
  /** Removes a take's recording and sidecar together (`takeFile`: either of its two files). */
  deleteTake: z.object({ storyId: storyIdSchema, takeFile: takeFileSchema }).strict(),
  /** Replaces the notes of a finished take (`takeFile`: either of its two files). */
  updateTakeNotes: z
    .object({ storyId: storyIdSchema, takeFile: takeFileSchema, notes: z.string().max(MAX_TAKE_NOTES) })
    .strict(),
  /**
   * Records the self-check of a finished drill's rubric: one answer per rubric item, in the
   * sidecar's order (true said, false not said, null not checked); the measured 2:00 item is kept.
   */
  updateTakeRubric: z
    .object({
      storyId: storyIdSchema,
      takeFile: takeFileSchema,
      checked: z.array(z.boolean().nullable()).max(MAX_RUBRIC_ITEMS),
    })
    .strict(),
  /** For the review schedule: when each story was first committed, and its takes' dates and lengths. */
  rehearsalOverview: z.object({}).strict(),
  /** The deliverable's order of the stories as the vault's order file gives it. */
  getStoryOrder: z.object({}).strict(),
  /**
   * Saves the deliverable's order: story ids, #1 first (null: back to the board's order). An order
   * file that cannot be read is replaced only with `replaceUnreadable` (it is committed first).
   */
  setStoryOrder: z
    .object({ ids: z.array(storyIdSchema).max(10_000).nullable(), replaceUnreadable: z.boolean().optional() })
    .strict(),
} as const;

export type CallName = keyof typeof apiCalls;
export type CallInput<K extends CallName> = z.infer<(typeof apiCalls)[K]>;

export interface VaultInfo {
  /** Absolute path of the vault folder. */
  root: string;
  /** Which host the renderer is talking to. */
  host: 'electron' | 'browser';
  /** The app version, from package.json. */
  version: string;
}

export interface VaultSnapshot {
  stories: StoryRecord[];
  problems: FileProblem[];
}

export interface SavedResult {
  kind: 'saved';
  record: StoryRecord;
  /** False when the content on disk was already identical and nothing was written. */
  written: boolean;
}

/** The file changed on disk since the edits began, and the two merged without conflict. */
export interface MergedResult {
  kind: 'merged';
  record: StoryRecord;
}

/** The file changed on disk since the edits began, and the changes overlap: the user decides. */
export interface ConflictResult {
  kind: 'conflict';
  file: string;
  mine: Story;
  /** The story on disk now, or null when the file is gone or no longer a valid story. */
  theirs: Story | null;
  theirsText: string;
  /** A three-way merge of both against the last committed version, with conflict markers. */
  mergedText: string;
  /**
   * The fields in which my edits and the file on disk differ, with the version both began from;
   * null when the file on disk is not a valid story (then only the whole file can be merged).
   */
  fields: FieldConflict[] | null;
  /** Why the fields cannot be compared (the file on disk does not read as a story), else null. */
  theirsProblem: string | null;
}

export type SaveResult = SavedResult | MergedResult | ConflictResult;

export interface StoryRevision {
  commit: string;
  date: string;
  subject: string;
  /** The file's path in that commit, relative to the repository top. */
  path: string;
}

/** A story `deleteStory` removed: what `restoreDeletedStory` needs to put it back. */
export interface DeletedStory {
  id: string;
  title: string;
  /** Vault-relative path of the removed file. */
  file: string;
  /** The commit that removed it, or null when git could not commit (the text is kept this run). */
  commit: string | null;
}

/** A deletion in the vault's history that `restoreDeletedStory` can undo. */
export interface DeletedStoryListing {
  /** The id its last committed version had; null when that version was not a valid story. */
  id: string | null;
  /** Its title then (the file name when it was not a valid story). */
  title: string;
  /** Vault-relative path it had. */
  file: string;
  /** The commit that removed it. */
  commit: string;
  /** When (ISO 8601, the commit's date). */
  date: string;
}

/** What `adoptTitleId` did: `previousId` equals the record's id when nothing changed. */
export interface AdoptedId {
  record: StoryRecord;
  previousId: string;
  /** The hash of the file version the id was changed in (the version before the change). */
  previousHash: string;
}

export interface RevisionContent {
  text: string;
  story: Story | null;
  problem: string | null;
  /** The story's file as it is now, to compare the revision with; null when it has none. */
  currentText: string | null;
  /** The story as it is now in the vault, for the comparison field by field. */
  currentStory: Story | null;
}

export interface CallResults {
  getVaultInfo: VaultInfo;
  listStories: VaultSnapshot;
  readStory: StoryRecord;
  saveStory: SaveResult;
  resolveConflict: SavedResult;
  getGitState: GitState;
  getWatchState: WatchState;
  commitNow: GitState;
  storyHistory: StoryRevision[];
  readStoryRevision: RevisionContent;
  restoreStoryRevision: StoryRecord;
  deleteStory: DeletedStory;
  restoreDeletedStory: StoryRecord;
  listDeletedStories: DeletedStoryListing[];
  adoptTitleId: AdoptedId;
  exportDeliverable: ExportOutcome;
  importFiles: ImportReport;
  getExportStatus: ExportStatus;
  getUiState: UiState;
  saveUiState: UiState;
  openInSystemEditor: { opened: true };
  openDeliverable: { opened: true };
  revealDeliverable: { revealed: true };
  startTake: StartedTake;
  appendTakeChunk: AppendedChunk;
  finishTake: FinishedTake;
  abortTake: FinishedTake;
  listTakes: TakeList;
  deleteTake: DeletedTake;
  updateTakeNotes: StoredTake;
  updateTakeRubric: StoredTake;
  rehearsalOverview: RehearsalOverview;
  getStoryOrder: StoryOrder;
  setStoryOrder: StoryOrder;
}

/**
 * The order the user gave the stories (see storyOrder.ts for how it is applied): story ids as the
 * vault's order file lists them, #1 first, or null when there is none (or it cannot be used) and
 * the board's competency order stands.
 */
export interface StoryOrder {
  ids: string[] | null;
  /** Vault-relative path of the order file. */
  file: string;
  /** Why the file on disk is not used (not JSON, not an order, a link), or null. */
  problem: string | null;
}

export interface UiState {
  lastStoryId: string | null;
}

export interface ImportedStory {
  id: string;
  title: string;
  /** The new vault-relative file. */
  file: string;
  /** The file (and story number) it came from. */
  source: string;
  /** What to check: ids changed to avoid a clash, fields read by best guess. */
  notes: string[];
  /** True when some of its source text went under "As imported" rather than into a field. */
  keptAsImported?: boolean;
}

export interface ImportReport {
  imported: ImportedStory[];
  /** Files that held no story, with the reason. */
  skipped: Array<{ source: string; reason: string }>;
  /** Lines of the files in no story (a preamble, notes between stories), not imported. */
  setAside?: Array<{ source: string; line: number; text: string }>;
}

export interface StoriesChanged {
  /** Stories added or changed, whoever changed them. */
  upserted: StoryRecord[];
  /** Vault-relative files that no longer hold a story (deleted, renamed away, or now invalid). */
  removed: string[];
  /** The complete current list of files that need attention. */
  problems: FileProblem[];
}

/** How the vault notices outside edits: native file events, or polling after they failed. */
export interface WatchState {
  mode: 'native' | 'polling';
  /** Why native watching failed, and what the user can do about it (empty when native). */
  message: string;
  fix: string;
}

export interface ApiEvents {
  storiesChanged: StoriesChanged;
  gitStateChanged: GitState;
  watchStateChanged: WatchState;
  takesChanged: TakesChanged;
  /** The order file changed (a reorder, or an edit in another program). */
  storyOrderChanged: StoryOrder;
}
export type EventName = keyof ApiEvents;

export type GitStateKind = 'ok' | 'no-git' | 'not-a-repo' | 'locked' | 'merging' | 'rebasing' | 'detached';

/** What git can do for the vault; anything but `ok` comes with the fix to show the user. */
export interface GitState {
  kind: GitStateKind;
  message: string;
  fix: string;
  /** The repository's top folder, when there is one. */
  root?: string;
  /** Stories saved but not committed yet (the app commits after a quiet period). */
  pending?: string[];
  /** Vault files `git status` shows as changed, whoever changed them (read from git). */
  uncommitted?: string[];
  /** Who the app's commits are made as; `fallback` when git has no identity configured. */
  identity?: GitIdentity;
}

export interface GitIdentity {
  name: string;
  email: string;
  /** True when git has no user configured and commits go in as Story Bank's fallback. */
  fallback: boolean;
}

/**
 * `disconnected` and `timeout` come from the browser host's transport, never from main: the call
 * was not sent (or its answer was lost) because the connection was down, or no answer came.
 */
export type ErrorCode = 'bad-request' | 'not-found' | 'conflict' | 'io' | 'internal' | 'disconnected' | 'timeout';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** What every call returns over the wire: errors travel as data, never as thrown objects. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The service main implements once; both transports dispatch to it. */
export type ApiHandlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallResults[K]> };

/** The typed client the renderer uses, whichever transport carries it. */
export type StoryBankApi = ApiHandlers & {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiCalls, name);
}

export type { Story, StoryRecord, FileProblem, TakeSidecar };
export type { ExportOutcome, ExportStatus, KeptEdits } from './deliverable/exportOutcome';
