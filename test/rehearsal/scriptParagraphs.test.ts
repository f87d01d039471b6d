import { describe, expect, it } from 'vitest';
import { scriptParagraphs } from '../../src/core/rehearsal/scriptParagraphs';
import { escapeStructure, unescapeStructure } from '../../src/core/text/structureEscape';

const read = (markdown: string): string[] => scriptParagraphs(markdown).map((words) => words.join(' '));

describe('scriptParagraphs: a section as the teleprompter reads it', () => {
  it('drops emphasis, strong, strikethrough and inline code marks, keeping their words', () => {
    expect(read('We cut **p95 latency** by _40%_ with ~~a cache~~ `LRU<K, V>` and *snake_case* names')).toEqual([
      'We cut p95 latency by 40% with a cache LRU<K, V> and snake_case names',
    ]);
  });

  it('reads a link as its text and an image as its alt text, never the address', () => {
    expect(read('See [the postmortem](https://example.com/pm) and ![a latency chart](chart.png).')).toEqual([
      'See the postmortem and a latency chart.',
    ]);
    expect(read('Autolinked <https://example.com> stays readable')).toEqual([
      'Autolinked https://example.com stays readable',
    ]);
  });

  it('keeps paragraphs, and joins the soft line breaks inside one as the preview does', () => {
    expect(read('First line\nsame paragraph\n\nSecond paragraph')).toEqual([
      'First line same paragraph',
      'Second paragraph',
    ]);
  });

  it('makes each list item a paragraph, bullets and numbers dropped, nested ones too', () => {
    expect(read('- one\n- two *em*\n  - nested\n\n1. first\n2) second')).toEqual([
      'one',
      'two em',
      'nested',
      'first',
      'second',
    ]);
    expect(read('- [x] done task')).toEqual(['done task']);
  });

  it('reads a heading as its text, a quote as its paragraphs, a code block line by line', () => {
    expect(read('## Result\n\n> quoted *claim*\n\n```ts\nconst a = 1;\n\nreturn a;\n```')).toEqual([
      'Result',
      'quoted claim',
      'const a = 1;',
      'return a;',
    ]);
  });

  it('reads an escaped structure line as the text it shows: "\\## Result" is "## Result"', () => {
    expect(read('\\## Result\nwas written inside the Action')).toEqual(['## Result was written inside the Action']);
    // A section that held "## Result" is stored escaped; read back, it is a heading again, as the preview shows it.
    const stored = escapeStructure('Then:\n\n## Result\n\nshipped');
    expect(stored).toContain('\\## Result');
    expect(read(unescapeStructure(stored))).toEqual(['Then:', 'Result', 'shipped']);
    expect(read('\\*not emphasis\\* and a \\` backtick')).toEqual(['*not emphasis* and a ` backtick']);
  });

  it('keeps characters the old stripping lost: #, >, _, * inside words', () => {
    expect(read('Issue #42 -> PR_7 took 2*3 days')).toEqual(['Issue #42 -> PR_7 took 2*3 days']);
  });

  it('reads entities as their characters, tables row by row, and drops HTML tags and rules', () => {
    expect(read('R&amp;D &lt;3 &#8212; ok')).toEqual(['R&D <3 — ok']);
    expect(read('| metric | value |\n|---|---|\n| p95 | 40 ms |')).toEqual(['metric value', 'p95 40 ms']);
    expect(read('<div>kept <b>words</b></div>\n\n---\n\nafter')).toEqual(['kept words', 'after']);
    expect(read('inline <kbd>tags</kbd> dropped')).toEqual(['inline tags dropped']);
  });

  it('gives nothing for empty or blank text', () => {
    expect(scriptParagraphs('')).toEqual([]);
    expect(scriptParagraphs(' \n\n  \n')).toEqual([]);
  });
});
