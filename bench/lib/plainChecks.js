// The checker benchmark's floors: the same checks written the plain way, with no parser for the
// many ways people write a deliverable, no line numbers, no findings, no report. Like-for-like
// work: the five criteria (eight stories, four sections each, a metric with a number and no
// repeat, a tradeoff naming an alternative and a cost, six question types whose rows name a
// story) and every section's word count, on the same input.

const ALTERNATIVE =
  /\b(over|instead\s+of|rather\s+than|versus|vs\.?|alternatives?|evaluated|considered|compared|weighed)\b/i;
const COST =
  /\b(accept(?:ed|ing)?|sacrific\w*|giv(?:e|ing)\s+up|gave\s+up|at\s+the\s+cost\s+of|instead\s+of|cost|lost|losing|trade-?off|downside|price)\b/i;
const SECTIONS = ['situation', 'task', 'action', 'result'];

const words = (text) => text.split(/\s+/).filter(Boolean).length;

/**
 * `stories`: `{ sections, metric, tradeoff }` (text); `rows`: `{ questionType, storyNumber }`.
 * Returns whether all five criteria pass, and the words counted (so none of it is dead code).
 */
function judge(stories, rows) {
  let pass = stories.length === 8;
  let counted = 0;
  const metrics = new Set();
  for (const story of stories) {
    for (const key of SECTIONS) {
      const text = story.sections[key] ?? '';
      if (!text.trim()) pass = false;
      counted += words(text);
    }
    const metric = story.metric.trim().toLowerCase();
    if (!/\d/.test(metric) || metrics.has(metric)) pass = false;
    metrics.add(metric);
    if (!ALTERNATIVE.test(story.tradeoff) || !COST.test(story.tradeoff)) pass = false;
  }
  const types = new Set(rows.map((row) => row.questionType.trim().toLowerCase()));
  if (types.size < 6) pass = false;
  for (const row of rows) if (!(row.storyNumber >= 1 && row.storyNumber <= stories.length)) pass = false;
  return { pass, words: counted };
}

/** A deliverable as Story Bank writes it: `## Story #N`, `**Label:**` lines, one map table. */
export function plainCheckOfText(markdown) {
  const stories = [];
  const rows = [];
  let story = null;
  let label = null;
  let inMap = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) {
      story = /^## Story #\d+/.test(line) ? { fields: {} } : null;
      if (story) stories.push(story);
      label = null;
      inMap = false;
      continue;
    }
    if (line.startsWith('|')) {
      const cells = line.split('|').map((cell) => cell.trim());
      if (/question/i.test(cells[1])) inMap = true;
      else if (inMap && !cells[1].startsWith('-'))
        rows.push({ questionType: cells[1], storyNumber: Number(/#(\d+)/.exec(cells[2])?.[1]) });
      continue;
    }
    const labelled = /^\*\*(\w+):\*\*\s*(.*)$/.exec(line);
    if (story && labelled) {
      label = labelled[1].toLowerCase();
      story.fields[label] = labelled[2] ? [labelled[2]] : [];
    } else if (story && label) story.fields[label].push(line);
  }
  const text = (story, key) => (story.fields[key] ?? []).join('\n').trim();
  return judge(
    stories.map((story) => ({
      sections: Object.fromEntries(SECTIONS.map((key) => [key, text(story, key)])),
      metric: text(story, 'metric'),
      tradeoff: text(story, 'tradeoff'),
    })),
    rows,
  );
}

/** The vault's stories as loaded (`Story` objects), each question type a map row. */
export function plainCheckOfStories(stories) {
  return judge(
    stories.map((story) => ({
      sections: story.sections,
      metric: story.metric,
      // The sentence the app checks, built the plain way.
      tradeoff: `I evaluated ${story.tradeoff.alternatives.join(' and ')}, chose ${story.tradeoff.chosen} because ${story.tradeoff.because}, accepting that ${story.tradeoff.accepting}.`,
    })),
    stories.flatMap((story, index) =>
      story.questionTypes.map((questionType) => ({ questionType, storyNumber: index + 1 })),
    ),
  );
}
