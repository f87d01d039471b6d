/**
 * The app's keyboard shortcuts: one list for the handler and the `?` dialog. Single keys work
 * when no text field has focus (a browser keeps Ctrl+N, Ctrl+1… for itself); export also has
 * Ctrl/⌘+E, which works everywhere, even while typing.
 */
export interface Shortcut {
  keys: string;
  mac: string;
  label: string;
}

export type ShortcutCommand = 'new' | 'search' | 'export' | 'board' | 'editor' | 'rehearse' | 'checklist' | 'help';

export const SHORTCUTS: Shortcut[] = [
  { keys: 'N', mac: 'N', label: 'New story (in the first empty competency)' },
  { keys: '/', mac: '/', label: 'Search stories' },
  { keys: 'Ctrl+E', mac: '⌘E', label: 'Export the deliverable' },
  { keys: 'B', mac: 'B', label: 'Board (closes the editor)' },
  { keys: 'E', mac: 'E', label: 'Editor: open the last story again' },
  { keys: 'R', mac: 'R', label: 'Rehearse the open (or last) story in the teleprompter' },
  { keys: 'C', mac: 'C', label: 'Show or hide the checklist' },
  { keys: 'Esc', mac: 'Esc', label: 'Close a dialog or menu, clear the search' },
  { keys: '?', mac: '?', label: 'This list' },
];

const SINGLE: Record<string, ShortcutCommand> = {
  n: 'new',
  '/': 'search',
  b: 'board',
  e: 'editor',
  r: 'rehearse',
  c: 'checklist',
  '?': 'help',
};

/** The command a key press means, or null. `typing`: a text field or menu has focus. */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  typing: boolean,
): ShortcutCommand | null {
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) {
    return !event.shiftKey && event.key.toLowerCase() === 'e' ? 'export' : null;
  }
  if (typing) return null;
  return SINGLE[event.key.toLowerCase()] ?? null;
}

/** Whether focus is somewhere keys mean text (inputs, text areas, selects, editable content). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
