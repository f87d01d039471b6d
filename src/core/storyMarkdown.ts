import { SECTION_TARGET_SECONDS, spokenSeconds } from './checker/timing';
import { competencyLabel } from './competencies';
import { SECTION_KEYS, SECTION_TITLES, type Story } from './story';
import { tradeoffSentence } from './tradeoffSentence';

/** One line of text for a place where a line break would end the markdown construct. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

const NOT_WRITTEN = '*Not written yet.*';

/**
 * One story as markdown, the way it reads when told: title, competency and weeks, the four STAR
 * sections with their spoken length against the target, the metric, the tradeoff as a sentence,
 * then the question types it answers and the phrases to say. Section text is the user's own
 * markdown and is passed through as written; the caller renders and sanitises it.
 */
export function storyMarkdown(story: Story): string {
  const out: string[] = [];
  out.push(`# ${oneLine(story.title) || 'Untitled story'}`, '');
  const facts = [`**Competency:** ${competencyLabel(story.competency)}`];
  if (story.weeks.length) facts.push(`**${story.weeks.length === 1 ? 'Week' : 'Weeks'}:** ${story.weeks.join(', ')}`);
  out.push(facts.join(' · '), '');
  for (const key of SECTION_KEYS) {
    const text = story.sections[key].trim();
    const timing = text ? ` <small>~${spokenSeconds(text)} s of ${SECTION_TARGET_SECONDS[key]} s</small>` : '';
    out.push(`## ${SECTION_TITLES[key]}${timing}`, '', text || NOT_WRITTEN, '');
  }
  out.push('---', '', `**Metric:** ${oneLine(story.metric) || NOT_WRITTEN}`, '');
  out.push(`**Tradeoff:** ${oneLine(tradeoffSentence(story.tradeoff)) || NOT_WRITTEN}`, '');
  const questionTypes = story.questionTypes.map(oneLine).filter(Boolean);
  const keyPhrases = story.keyPhrases.map(oneLine).filter(Boolean);
  if (questionTypes.length) {
    out.push('## Answers questions like', '', ...questionTypes.map((question) => `- ${question}`), '');
  }
  if (keyPhrases.length) {
    out.push('## Key phrases', '', ...keyPhrases.map((phrase) => `- ${phrase}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
