import type { StoryBankApi, StoryOrder } from '@core/api';
import type { StoryRecord } from '@core/story';
import { moveInOrder, orderStories } from '@core/storyOrder';

/** What a reorder did, in words for the live region. */
export interface ReorderOutcome {
  ok: boolean;
  message: string;
}

/**
 * The deliverable's order of the stories as the page shows it: the vault's order file (followed
 * live through `storyOrderChanged`) applied to the stories by the same `orderStories` as the
 * export, the checker and the CLI. A move is shown at once and saved; a failed save puts the
 * order back and says why.
 */
export class StoryOrderState {
  saved = $state.raw<StoryOrder>({ ids: null, file: 'stories/order.json', problem: null });
  /** The stories, #1 first. */
  records = $derived.by(() => orderStories(this.source(), this.saved.ids));
  /** Moves not answered yet: events and older answers must not undo what is on screen meanwhile. */
  #inFlight = 0;

  constructor(
    private readonly api: StoryBankApi,
    private readonly source: () => StoryRecord[],
  ) {}

  /** Follows the order's changes (loading it is `load`'s); returns the unsubscribe. */
  start(): () => void {
    return this.api.on('storyOrderChanged', (order) => {
      if (this.#inFlight === 0) this.saved = order;
    });
  }

  /** Asks for the order. Never throws: an unreachable host leaves the board's order standing. */
  async load(): Promise<void> {
    try {
      const order = await this.api.getStoryOrder({});
      if (this.#inFlight === 0) this.saved = order;
    } catch {
      // Unreachable host: the board's order stands, and reconnecting asks again.
    }
  }

  /** The story's number in the deliverable (1-based), or 0 when it is not in the bank. */
  numberOf(id: string): number {
    return this.records.findIndex((record) => record.story.id === id) + 1;
  }

  /** Moves a story by `by` places (−1: up, toward #1). */
  moveBy(id: string, by: number): Promise<ReorderOutcome> {
    return this.moveTo(id, this.numberOf(id) - 1 + by);
  }

  /** Moves a story to place `to` (0-based) and saves the whole order. */
  async moveTo(id: string, to: number): Promise<ReorderOutcome> {
    const record = this.records.find((r) => r.story.id === id);
    const title = record?.story.title || 'Untitled story';
    if (!record) return { ok: false, message: 'That story is no longer in the bank.' };
    if (this.saved.problem) return { ok: false, message: `The order cannot be changed yet: ${this.saved.problem}.` };
    const ids = this.records.map((r) => r.story.id);
    const next = moveInOrder(ids, id, to);
    const number = next.indexOf(id) + 1;
    if (next.every((other, index) => other === ids[index]))
      return { ok: true, message: `“${title}” stays #${number} of ${ids.length}.` };
    return this.save(next, { ok: true, message: `“${title}” is now #${number} of ${ids.length} in the deliverable.` });
  }

  /** Back to the board's competency order (the order file is removed). */
  reset(): Promise<ReorderOutcome> {
    return this.save(null, { ok: true, message: 'The stories are back in the board’s order.' });
  }

  /** Replaces an order file that cannot be read with the order shown (its text goes into history first). */
  replaceUnreadable(): Promise<ReorderOutcome> {
    const ids = this.records.map((r) => r.story.id);
    return this.save(ids, { ok: true, message: `${this.saved.file} now holds the order shown.` }, true);
  }

  private async save(ids: string[] | null, done: ReorderOutcome, replaceUnreadable = false): Promise<ReorderOutcome> {
    const before = this.saved;
    this.saved = { ...before, ids, problem: replaceUnreadable ? null : before.problem };
    this.#inFlight += 1;
    let outcome = done;
    try {
      const saved = await this.api.setStoryOrder({ ids, ...(replaceUnreadable ? { replaceUnreadable } : {}) });
      if (this.#inFlight === 1) this.saved = saved;
    } catch (error) {
      this.saved = before;
      outcome = { ok: false, message: `The order was not saved: ${(error as Error).message}` };
    }
    this.#inFlight -= 1;
    // A move among several quick ones failed: show what the vault holds now.
    if (!outcome.ok && this.#inFlight === 0) await this.load();
    return outcome;
  }
}
