import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeStructure, unescapeStructure } from './structureEscape';

describe('escapeStructure', () => {
  it('puts one more backslash before a heading or fence marker, after any indentation', () => {
    expect(escapeStructure('## Result')).toBe('\\## Result');
    expect(escapeStructure('#')).toBe('\\#');
    expect(escapeStructure('  ###### six\n\t```js\n~~~')).toBe('  \\###### six\n\t\\```js\n\\~~~');
    expect(escapeStructure('\\## Result')).toBe('\\\\## Result');
  });

  it('leaves every other line alone', () => {
    const text = '#hashtag\n####### seven\n`code`\n~~ tilde\na ## b\n---\n<!-- ## x -->';
    expect(escapeStructure(text)).toBe(text);
    expect(unescapeStructure(text)).toBe(text);
  });

  it('is undone by unescapeStructure for any text', () => {
    const unit = fc.constantFrom('#', '\\', '`', '~', ' ', '\t', '\n', 'a', '\u00a0');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        expect(unescapeStructure(escapeStructure(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
