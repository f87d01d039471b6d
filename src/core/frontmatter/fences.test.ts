import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from './fences';

describe('splitFrontmatter', () => {
  it('finds the frontmatter between an opening --- (with or without yaml) and the first closing line', () => {
    for (const opening of ['---', '---yaml', '--- yaml', '---YAML', '--- \t']) {
      expect(splitFrontmatter(`${opening}\nid: a\n---\nbody\n`)).toMatchObject({
        kind: 'found',
        yaml: 'id: a\n',
        body: 'body\n',
      });
    }
    expect(splitFrontmatter('---js\nx\n---\n')).toMatchObject({ kind: 'found', language: 'js' });
  });

  it('closes at a line of three or more dashes or "...", blanks after it allowed, and nothing else', () => {
    for (const closing of ['---', '----', '-----', '...', '--- \t', '...  ']) {
      expect(splitFrontmatter(`---\nid: a\n${closing}\r\nbody`)).toMatchObject({ yaml: 'id: a\n', body: 'body' });
    }
    // `---x`, `--- # end`, `..` and an indented `---` are YAML; the `---` after them closes.
    const text = '---\nid: a\n---x\n--- # end\n..\n  ---\n---\nbody';
    expect(splitFrontmatter(text)).toMatchObject({ yaml: 'id: a\n---x\n--- # end\n..\n  ---\n', body: 'body' });
  });

  it('keeps the offsets in the text as given: BOM, CRLF, an empty frontmatter, a closing line at the end', () => {
    const text = '\uFEFF---\r\nid: a\r\n---\r\n\r\n## Situation\r\n';
    const split = splitFrontmatter(text);
    if (split.kind !== 'found') throw new Error(split.kind);
    expect(split.bom).toBe('\uFEFF');
    expect(text.slice(split.yamlStart, split.closingStart)).toBe('id: a\r\n');
    expect(text.slice(split.bodyStart)).toBe('\r\n## Situation\r\n');
    expect(splitFrontmatter('---\n---')).toMatchObject({ kind: 'found', yaml: '', body: '' });
  });

  it('tells a file without frontmatter from one whose frontmatter never closes', () => {
    expect(splitFrontmatter('# Notes\n---\n')).toEqual({ kind: 'none' });
    expect(splitFrontmatter('---')).toEqual({ kind: 'none' });
    expect(splitFrontmatter('---yaml\nid: a\n---x\n')).toEqual({ kind: 'unclosed', language: 'yaml' });
  });
});
