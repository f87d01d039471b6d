import { describe, expect, it } from 'vitest';
import { canonicalSectionText, parseStoryBody, renderStoryBody } from './storyBody';

describe('parseStoryBody', () => {
  it('reads the four sections and ignores text under other headings', () => {
    const body =
      '\nIntro.\n\n## Situation\n\nS text.\n\n## Task\nT text.\n\n## Action\n\nA one.\n\nA two.\n\n## Result\n\nR.\n\n## Notes\n\nNot a section.\n';
    const { sections, headingLines } = parseStoryBody(body);
    expect(sections).toEqual({ situation: 'S text.', task: 'T text.', action: 'A one.\n\nA two.', result: 'R.' });
    expect(headingLines).toEqual({ situation: 4, task: 8, action: 11, result: 17 });
  });

  it('accepts CRLF and any heading case, and leaves a missing section empty', () => {
    const { sections } = parseStoryBody('## situation\r\nS\r\n## ACTION\r\nA\r\n');
    expect(sections).toEqual({ situation: 'S', task: '', action: 'A', result: '' });
  });

  it('keeps the first of two headings with the same name', () => {
    expect(parseStoryBody('## Task\nfirst\n## Task\nsecond\n').sections.task).toBe('first');
  });

  it('renders sections that parse back to the same text', () => {
    const sections = { situation: 'S', task: 'T', action: 'A\n\nB', result: 'R' };
    expect(parseStoryBody(renderStoryBody(sections)).sections).toEqual(sections);
    expect(parseStoryBody(renderStoryBody(sections, '\r\n')).sections.action).toBe('A\r\n\r\nB'.replace(/\r/g, ''));
  });

  it('keeps text that looks like a heading, and indentation, by escaping (text/structureEscape.ts)', () => {
    const sections = { situation: '    indented\n  too  ', task: '', action: 'first\n## Result\nsecond', result: 'R' };
    const body = renderStoryBody(sections);
    expect(body).toContain('## Action\n\nfirst\n\\## Result\nsecond\n');
    expect(parseStoryBody(body).sections).toEqual(sections);
  });

  it('reads a hand-written escape as the text without its backslash', () => {
    expect(parseStoryBody('## Action\n\n\\## Result\n\\\\## two\n').sections.action).toBe('## Result\n\\## two');
  });
});

describe('canonicalSectionText', () => {
  it('drops blank lines at the edges and turns CRLF and CR into LF, keeping all else', () => {
    expect(canonicalSectionText(' \r\n\t\n  a  \r\n\r\n b\rc \n \n')).toBe('  a  \n\n b\nc ');
    expect(canonicalSectionText('  \n\t')).toBe('');
  });
});
