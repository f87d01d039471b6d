import { check } from '@core/checker/check';
import { checkInputFromStories } from '@core/checker/fromStories';
import { storyStatuses } from '@core/checker/storyStatus';
import type { Story } from '@core/story';

/**
 * The bank checked as it stands on screen, the open story's unsaved draft included, by the same
 * checker as `story-bank check`. Everything is derived, so it follows every keystroke.
 */
export class BankCheckState {
  stories = $derived.by(() => this.source());
  report = $derived(check(checkInputFromStories(this.stories)));
  statuses = $derived(storyStatuses(this.stories, this.report));

  /** `source` gives the stories in the bank's order (storyOrder.ts), any open draft in place of its saved version. */
  constructor(private readonly source: () => Story[]) {}
}
