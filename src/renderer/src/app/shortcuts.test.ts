import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, TELEPROMPTER_SHORTCUTS, teleprompterCommandFor } from './shortcuts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps single keys only when not typing, and Ctrl/⌘+E always', () => {
    expect(shortcutFor(key('n'), false)).toBe('new');
    expect(shortcutFor(key('N', { shiftKey: true }), false)).toBe('new');
    expect(shortcutFor(key('n'), true)).toBeNull();
    expect(shortcutFor(key('/'), false)).toBe('search');
    expect(shortcutFor(key('?', { shiftKey: true }), false)).toBe('help');
    expect(shortcutFor(key('e', { ctrlKey: true }), true)).toBe('export');
    expect(shortcutFor(key('e', { metaKey: true }), false)).toBe('export');
    expect(shortcutFor(key('e', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutFor(key('n', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('b', { altKey: true }), false)).toBeNull();
    expect(shortcutFor(key('r'), false)).toBe('rehearse');
    expect(shortcutFor(key('R', { shiftKey: true }), false)).toBe('rehearse');
    expect(shortcutFor(key('r'), true)).toBeNull();
    expect(shortcutFor(key('r', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('d'), false)).toBe('drill');
    expect(shortcutFor(key('d'), true)).toBeNull();
    expect(shortcutFor(key('x'), false)).toBeNull();
  });

  it('lists every command it maps', () => {
    expect(SHORTCUTS.map((s) => s.keys)).toEqual([
      'N',
      '/',
      'Ctrl+E',
      'B',
      'E',
      'R',
      'D',
      'C',
      'Alt+↑ Alt+↓',
      'Esc',
      '?',
    ]);
  });
});

describe('teleprompterCommandFor', () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
    ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...extra }) as KeyboardEvent;

  it('maps each listed key, and ? opens the list', () => {
    expect(teleprompterCommandFor(key('?'))).toBe('help');
    expect(teleprompterCommandFor(key(' '))).toBe('pause');
    expect(teleprompterCommandFor(key('ArrowUp'))).toBe('faster');
    expect(teleprompterCommandFor(key('ArrowDown'))).toBe('slower');
    expect(teleprompterCommandFor(key('ArrowRight'))).toBe('next');
    expect(teleprompterCommandFor(key('ArrowLeft'))).toBe('previous');
    expect(teleprompterCommandFor(key('M'))).toBe('mirror');
    expect(teleprompterCommandFor(key('Escape'))).toBe('end');
    expect(teleprompterCommandFor(key('m', { ctrlKey: true }))).toBeNull();
    expect(teleprompterCommandFor(key('x'))).toBeNull();
  });

  it('lists every key it maps', () => {
    expect(TELEPROMPTER_SHORTCUTS.map((s) => s.keys)).toEqual(['Space', '↑ ↓', '→', '←', 'M', 'Esc', '?']);
  });
});
