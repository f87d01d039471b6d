import { z } from 'zod';
import { storyIdSchema, storySchema, type FileProblem, type Story, type StoryRecord } from './story';

/**
 * The one contract between the renderer and the main process. Every call has a schema for its
 * input (parsed from `unknown` on the main side, whatever the transport) and a result type; every
 * event has a payload type. Electron IPC and the browser host's WebSocket both carry this table.
 */
export const apiCalls = {
  getVaultInfo: z.object({}).strict(),
  listStories: z.object({}).strict(),
  readStory: z.object({ id: storyIdSchema }).strict(),
  saveStory: z.object({ story: storySchema.strict() }).strict(),
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

export interface SaveResult {
  record: StoryRecord;
  /** False when the content on disk was already identical and nothing was written. */
  written: boolean;
}

export interface CallResults {
  getVaultInfo: VaultInfo;
  listStories: VaultSnapshot;
  readStory: StoryRecord;
  saveStory: SaveResult;
}

export interface StoriesChanged {
  /** Stories added or changed, whoever changed them. */
  upserted: StoryRecord[];
  /** Vault-relative files that no longer hold a story (deleted, renamed away, or now invalid). */
  removed: string[];
  /** The complete current list of files that need attention. */
  problems: FileProblem[];
}

export interface ApiEvents {
  storiesChanged: StoriesChanged;
}
export type EventName = keyof ApiEvents;

export type ErrorCode = 'bad-request' | 'not-found' | 'conflict' | 'io' | 'internal';

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

export type { Story, StoryRecord, FileProblem };
