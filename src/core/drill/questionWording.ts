/**
 * How a drill asks a question type out loud. A type that already reads as a question ("Tell me
 * about a time you failed") is asked as written. A short label ("conflict", "Leadership") is asked
 * the way interviewers ask it, from a small table of common behavioural types; any other label
 * gets the generic "Tell me about a time …" with the label in it, so the user's own types work too.
 */
const QUESTION_START =
  /^(tell me|tell us|walk me|walk us|talk me|describe|give me|give an example|share|how|what|why|when|where|which|who|have you|can you|could you|would you|did you|do you)\b/i;

/** Common question types by the words that name them; each with the ways it is usually asked. */
const COMMON_TYPES: ReadonlyArray<{ match: RegExp; questions: readonly string[] }> = [
  {
    match: /conflict|disagree/,
    questions: [
      'Tell me about a time you disagreed with a colleague. How did you resolve it?',
      'Describe a conflict on your team and the part you played in resolving it.',
    ],
  },
  {
    match: /fail|mistake/,
    questions: ['Tell me about a time you failed.', 'Tell me about a mistake you made and what you learned from it.'],
  },
  {
    match: /lead|ownership|initiative/,
    questions: [
      'Tell me about a time you took the lead without being asked.',
      'Describe a project where you owned the outcome from start to finish.',
    ],
  },
  {
    match: /debug|root cause|troubleshoot/,
    questions: [
      'Tell me about the hardest bug you have tracked down.',
      'How do you find the root cause of a problem nobody can reproduce?',
    ],
  },
  {
    match: /perform|latency|throughput|optimi[sz]/,
    questions: ['Tell me about a performance problem you solved.', 'How did you make a slow system fast?'],
  },
  {
    match: /secur|threat|risk/,
    questions: [
      'Tell me about a security risk you found and what you did about it.',
      'How do you assess risk in a system you are building?',
    ],
  },
  {
    match: /reliab|incident|outage|on-?call|sre/,
    questions: ['Tell me about an incident you handled.', 'Tell me about a time you made a system more reliable.'],
  },
  {
    match: /design|architect/,
    questions: ['Walk me through a system you designed.', 'Tell me about a design decision you would defend.'],
  },
  {
    match: /decision|trade-?off/,
    questions: [
      'Tell me about a technical decision you made and the tradeoff behind it.',
      'Describe a time you chose between two good options.',
    ],
  },
  {
    match: /collab|team|review/,
    questions: [
      'Tell me about a time you helped your team work better together.',
      'Describe how you work with others on code review.',
    ],
  },
  {
    match: /learn|feedback|grow/,
    questions: [
      'Tell me about a time you had to learn something quickly.',
      'Tell me about feedback that changed how you work.',
    ],
  },
  {
    match: /deadline|pressure|priorit/,
    questions: [
      'Tell me about a time you had to deliver under a tight deadline.',
      'How do you decide what to drop when there is not time for everything?',
    ],
  },
  {
    match: /ambigu|uncertain/,
    questions: ['Tell me about a time you had to act without clear requirements.'],
  },
  {
    match: /distributed|consensus|replicat/,
    questions: ['Walk me through a distributed system you built.', 'How do you keep replicas consistent?'],
  },
];

/** The question for `type`; `variant` picks among the table's wordings (any whole number). */
export function questionWording(type: string, variant = 0): string {
  const label = type.replace(/\s+/g, ' ').trim();
  if (!label) throw new RangeError('a question type is not empty');
  if (label.endsWith('?') || QUESTION_START.test(label)) return /[.?!]$/.test(label) ? label : `${label}.`;
  const lower = label.toLowerCase();
  const common = COMMON_TYPES.find((entry) => entry.match.test(lower));
  if (common) return common.questions[Math.abs(Math.trunc(variant)) % common.questions.length];
  return `Tell me about a time that speaks to ${lower.replace(/[.?!]+$/, '')}.`;
}
