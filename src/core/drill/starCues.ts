import type { SectionKey } from '../story';

/** What each part of a STAR answer says, as a prompt to tell it without the script. */
export const STAR_CUES: Record<SectionKey, string> = {
  situation: 'Where and when, at what scale, and what was at stake.',
  task: 'Your own responsibility, and the target or constraint.',
  action: 'What you did, the alternatives you weighed and why you chose.',
  result: 'The number, what it changed, and what you accepted.',
};
