import type { ExportResolution } from '../../core/api';
import { StoryBankError } from '../../core/apiError';
import { conflictMarkerLine } from '../../core/text/conflictMarkers';
import { mergeText } from '../git/mergeText';

/** How the conflict markers name the three versions of the deliverable. */
export const MERGE_LABELS = ['your edits (on disk)', 'the last export', 'the new export'] as const;

export type MergedEdits =
  | {
      kind: 'merged';
      text: string;
      /** Some of the user's lines give way (they chose the export's, or edited the merge): keep theirs in history first. */
      replacesEdits: boolean;
    }
  | { kind: 'conflict'; mergedText: string };

/**
 * The deliverable with the user's hand edits and the new export both in it: a three-way merge of
 * the file on disk and the new export against `base`, what the last export generated. Where both
 * changed the same lines, `resolution` says which side wins or gives the user's own text; without
 * one the result is a conflict, for the user to decide.
 */
export async function mergeHandEdits(
  onDisk: string,
  base: string,
  exported: string,
  resolution?: Pick<ExportResolution, 'choice' | 'text'>,
): Promise<MergedEdits> {
  if (onDisk === base) return { kind: 'merged', text: exported, replacesEdits: false };
  if (exported === base) return { kind: 'merged', text: onDisk, replacesEdits: false };
  if (resolution?.choice === 'edited') {
    if (resolution.text === undefined) throw new StoryBankError('bad-request', 'an edited merge needs its text');
    const line = conflictMarkerLine(resolution.text);
    if (line !== null)
      throw new StoryBankError(
        'bad-request',
        `line ${line} of the edited text is still a conflict marker (<<<<<<<, =======, >>>>>>>): keep the lines you want and remove the markers`,
      );
    return { kind: 'merged', text: resolution.text, replacesEdits: true };
  }
  const favor = resolution?.choice === 'mine' ? 'mine' : resolution?.choice === 'new' ? 'theirs' : undefined;
  const merged = await mergeText(onDisk, base, exported, { labels: MERGE_LABELS, favor });
  if (!merged.clean) return { kind: 'conflict', mergedText: merged.text };
  return { kind: 'merged', text: merged.text, replacesEdits: resolution?.choice === 'new' };
}
