import type { CallName } from './api';

/**
 * Every call of the contract by name, without its schema. The renderer's client makes one method
 * per name; taking them from `apiCalls` would load zod and build every schema in the page before
 * the board can paint. `satisfies` makes the compiler refuse a name missing here or not in api.ts.
 */
const names = {
  getVaultInfo: true,
  listStories: true,
  readStory: true,
  saveStory: true,
  resolveConflict: true,
  getGitState: true,
  getWatchState: true,
  commitNow: true,
  storyHistory: true,
  readStoryRevision: true,
  restoreStoryRevision: true,
  deleteStory: true,
  restoreDeletedStory: true,
  listDeletedStories: true,
  adoptTitleId: true,
  exportDeliverable: true,
  getExportStatus: true,
  getUiState: true,
  saveUiState: true,
  openInSystemEditor: true,
  openDeliverable: true,
  revealDeliverable: true,
  importFiles: true,
  startTake: true,
  appendTakeChunk: true,
  finishTake: true,
  abortTake: true,
  listTakes: true,
  deleteTake: true,
  updateTakeNotes: true,
  updateTakeRubric: true,
  rehearsalOverview: true,
  getStoryOrder: true,
  setStoryOrder: true,
} satisfies Record<CallName, true>;

export const CALL_NAMES = Object.keys(names) as CallName[];
