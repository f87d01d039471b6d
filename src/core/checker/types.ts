import type { SectionKey } from '../story';

/** A story as the checker sees it, whether it came from the vault or from a deliverable file. */
export interface CheckStory {
  number: number;
  title: string;
  competency: string;
  metric: string;
  /** The tradeoff as written (a sentence, or assembled from the vault's fields). */
  tradeoffText: string;
  /** Alternatives named explicitly (vault fields); files leave this empty and rely on the text. */
  alternatives: string[];
  sections: Record<SectionKey, string>;
  keyPhrases: string[];
  /** The story's own file, for a vault (findings about the story name it). */
  file?: string;
  /** 1-based line of the story heading, for files; of the title, for a vault's story files. */
  line?: number;
  /** 1-based lines of labelled parts, for files. */
  lines?: Partial<Record<SectionKey | 'metric' | 'tradeoff', number>>;
}

export interface CompetencyMapRow {
  questionType: string;
  /** What the row says about the story: "#3", "Story 3", "3", or a title. */
  storyRef: string;
  keyPhrases: string;
  line?: number;
}

export interface CheckInput {
  source: 'vault' | 'file';
  stories: CheckStory[];
  competencyMap: CompetencyMapRow[];
  hasPracticeGuide: boolean;
}

export interface CheckOptions {
  strict?: boolean;
  wpm?: number;
}

export interface Finding {
  message: string;
  story?: { number: number; title: string };
  field?: string;
  line?: number;
  /** The vault file the finding is in (a deliverable's findings are all in the one file checked). */
  file?: string;
}

export interface CriterionResult {
  id: 1 | 2 | 3 | 4 | 5;
  name: string;
  pass: boolean;
  findings: Finding[];
}

export interface StorySummary {
  number: number;
  title: string;
  competency: string;
  metric: string;
  sections: Record<SectionKey, number>;
  estimatedSeconds: number;
}

/** The `--json` shape of `story-bank check`: a public interface, keep it stable. */
export interface CheckReport {
  pass: boolean;
  criteria: CriterionResult[];
  stories: StorySummary[];
  warnings: Finding[];
  /**
   * Added by `story-bank check` on a vault: story files not counted because they cannot be read
   * or are not valid stories (also among the warnings). With --strict they fail the check.
   */
  notCounted?: Finding[];
}
