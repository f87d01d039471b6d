/**
 * The take calls of the API, as a recording test double for RecordingSession (its injected
 * `api`): it keeps every call and the bytes sent, checks the pieces arrive in order as main does,
 * and can refuse writes from a given piece on, as a full disk makes main do.
 */
import type { AppendedChunk, FinishedTake, StartedTake, StoryBankApi } from '@core/api';
import { ApiCallError } from '@renderer/api/createClient';
import type { SessionOptions, TakeCall } from './calls';

/** Smaller than main's limit, so one second of video goes over in several pieces. */
export const DOUBLE_MAX_CHUNK_BYTES = 32 * 1024;

export class TakeApiDouble {
  readonly calls: TakeCall[] = [];
  readonly pieces: Uint8Array[] = [];
  mimeType: string | null = null;
  #bytes = 0;
  #nextSeq = 0;
  #takes = 0;
  readonly #options: SessionOptions;

  constructor(options: SessionOptions = {}) {
    this.#options = options;
  }

  /** Only the take calls: anything else the session called would fail the test as a TypeError. */
  api(): StoryBankApi {
    const take = {
      startTake: async ({ storyId, mimeType }): Promise<StartedTake> => {
        this.calls.push({ call: 'startTake', storyId, mimeType });
        if (this.#options.startTakeFails) throw new ApiCallError('io', this.#options.startTakeFails);
        this.mimeType = mimeType;
        this.#takes += 1;
        return {
          takeId: `take-${this.#takes}`,
          storyId,
          file: `take-${this.#takes}.json`,
          media: mimeType ? `take-${this.#takes}.webm` : null,
          date: new Date().toISOString(),
          revision: null,
          maxChunkBytes: DOUBLE_MAX_CHUNK_BYTES,
        };
      },
      appendTakeChunk: async ({ takeId, seq, bytes }): Promise<AppendedChunk> => {
        const piece = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const refuse = (message: string): never => {
          this.calls.push({ call: 'appendTakeChunk', takeId, seq, bytes: piece.length, refused: message });
          throw new ApiCallError('io', message);
        };
        if (seq !== this.#nextSeq) refuse(`chunk ${seq} arrived, but chunk ${this.#nextSeq} was expected next`);
        if (piece.length > DOUBLE_MAX_CHUNK_BYTES) refuse(`a chunk is at most ${DOUBLE_MAX_CHUNK_BYTES} bytes`);
        const from = this.#options.refuseChunksFrom;
        if (from !== undefined && seq >= from) refuse('no space left on the disk');
        this.calls.push({ call: 'appendTakeChunk', takeId, seq, bytes: piece.length });
        this.pieces.push(piece);
        this.#bytes += piece.length;
        this.#nextSeq += 1;
        return { seq, bytes: this.#bytes, duplicate: false };
      },
      finishTake: async ({ takeId, sidecar }): Promise<FinishedTake> => {
        this.calls.push({ call: 'finishTake', takeId, sidecar });
        return ended(`finished ${takeId}`);
      },
      abortTake: async ({ takeId, reason, sidecar }): Promise<FinishedTake> => {
        this.calls.push({ call: 'abortTake', takeId, reason, sidecar });
        return ended(`aborted ${takeId}`);
      },
    } satisfies Partial<StoryBankApi>;
    return take as StoryBankApi;
  }
}

/** What the session hands back from `end`; the session itself reads nothing of it. */
function ended(gitMessage: string): FinishedTake {
  return { gitMessage, committed: true, mediaMessage: '' } as FinishedTake;
}
