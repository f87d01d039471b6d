import type { DrillSummary } from '../drill/drillStats';
import type { TakeSidecar, TakeStatus } from './take';

/**
 * What the take calls of the API answer (see `apiCalls` in ../api.ts): kept apart so the contract
 * file stays readable; api.ts re-exports them.
 */
export interface StartedTake {
  /** Names the take in `appendTakeChunk`, `finishTake` and `abortTake`; valid in this run only. */
  takeId: string;
  storyId: string;
  /** The sidecar's file name, `<stem>.json`. */
  file: string;
  /** The recording's file name, `<stem>.webm`, or null for a take with timing only. */
  media: string | null;
  /** When the take started (ISO 8601). */
  date: string;
  /** The story file's last commit when the take started, or null. */
  revision: string | null;
  /** Largest chunk `appendTakeChunk` accepts, in bytes (before base64). */
  maxChunkBytes: number;
}

export interface AppendedChunk {
  seq: number;
  /** Bytes of the recording on disk after this chunk. */
  bytes: number;
  /** The chunk had been written already (a resend) and was ignored. */
  duplicate: boolean;
}

export interface TakeMedia {
  /** `<stem>.webm` */
  file: string;
  /** Vault-relative, `rehearsals/<story-id>/<stem>.webm`. */
  path: string;
  bytes: number;
  /** Where the page plays it from: `/media/<story-id>/<stem>.webm` on the page's own origin. */
  url: string;
}

/** A take as stored: its sidecar, and its recording when there is one on disk. */
export interface StoredTake {
  storyId: string;
  /** The sidecar's file name, `<stem>.json` (give it to `deleteTake`). */
  file: string;
  /** Vault-relative, `rehearsals/<story-id>/<stem>.json`. */
  path: string;
  sidecar: TakeSidecar;
  /** Null for a take with timing only, or when the recording named in the sidecar is gone. */
  media: TakeMedia | null;
}

export interface FinishedTake {
  take: StoredTake;
  /** The sidecar is committed. */
  committed: boolean;
  /** What happened in git, for people. */
  gitMessage: string;
  /** What happened to the recording: made seekable (with its length), or kept as recorded and why. */
  mediaMessage: string;
}

/** A file in a story's rehearsals folder that is not a readable take. */
export interface TakeProblem {
  /** The file's name, e.g. `<stem>.json` (give it to `deleteTake` to remove the take). */
  file: string;
  /** Vault-relative path. */
  path: string;
  message: string;
}

export interface TakeList {
  takes: StoredTake[];
  problems: TakeProblem[];
}

export interface DeletedTake {
  /** Vault-relative paths of the files removed. */
  removed: string[];
  /** The sidecar's removal is committed. */
  committed: boolean;
  gitMessage: string;
}

/** One take as the review schedule and the board need it. */
export interface TakeOverview {
  date: string;
  durationMs: number;
  status: TakeStatus;
  /** For a drill: its question type, how the pick went and the rubric's score. */
  drill?: DrillSummary;
}

/** Where each story stands in rehearsal: written when, and rehearsed when. */
export interface RehearsalOverview {
  stories: Array<{
    storyId: string;
    /** The date of the story file's first commit (ISO 8601), or null when never committed. */
    writtenAt: string | null;
    /** Finished takes, oldest first (takes still recording are left out). */
    takes: TakeOverview[];
  }>;
}

/** A take of this story was added, finished or removed: its list should be fetched again. */
export interface TakesChanged {
  storyId: string;
}
