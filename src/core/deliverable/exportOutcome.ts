import type { CheckReport } from '../checker/types';
import type { ConflictHunk } from '../text/conflictMarkers';
import type { TextDiff } from '../text/textDiff';

/** The deliverable as the "Done when" list needs it. */
export interface ExportStatus {
  shownPath: string;
  /** The file is there. */
  exists: boolean;
  /** Its text is what an export of the stories as they are now writes (with any hand edits merged in). */
  upToDate: boolean;
  /** git has it as it is on disk (no uncommitted change). */
  committed: boolean;
}

/** What an export did: wrote the file (or found it already identical), refused, or found hand edits overlapping. */
export type ExportOutcome =
  | {
      kind: 'written' | 'unchanged';
      /** Absolute path of the deliverable. */
      path: string;
      /** The path to show: relative to the repository when inside it. */
      shownPath: string;
      /** From the file as it was before (empty when there was none) to what was written. */
      diff: TextDiff;
      committed: boolean;
      /** What happened in git, for people ("committed as …", or why not). */
      gitMessage: string;
      /** The five criteria checked on the file as written. */
      report: CheckReport;
      /** The file's text as written (for copying it). */
      text: string;
      /** The user's hand edits kept in it by a three-way merge; null when the file is the bare export. */
      keptEdits: KeptEdits | null;
    }
  | {
      kind: 'refused';
      path: string;
      shownPath: string;
      /** Why nothing was written. */
      reason: string;
      /** From the hand-edited file on disk to what the export would write. */
      diff: TextDiff;
    }
  | {
      /** The user's hand edits and the new export change the same lines: nothing was written. */
      kind: 'conflict';
      path: string;
      shownPath: string;
      reason: string;
      /** The merge with git's conflict markers, for the user to edit. */
      mergedText: string;
      /** Each place both changed, with both versions. */
      hunks: ConflictHunk[];
      /** From the file on disk to the bare new export. */
      diff: TextDiff;
      /** What `resolve` names: the file on disk and the export this conflict is between. */
      fileHash: string;
      exportHash: string;
    };

/** The hand edits an export kept. */
export interface KeptEdits {
  /** From the bare export to the file written: the user's lines. */
  diff: TextDiff;
  /** Criteria the bare export passes and the written file fails: the edits broke them. */
  brokenCriteria: number[];
}
