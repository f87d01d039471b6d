/**
 * The app's keyboard shortcuts, and the teleprompter's: one list each for its handler and the `?`
 * dialog. Single keys work
 * when no text field has focus (a browser keeps Ctrl+N, Ctrl+1… for itself); export also has
 * Ctrl/⌘+E, which works everywhere, even while typing. N and R only open a confirmation: focus can
 * fall to the page mid-sentence, and a stray letter must not create a file or start the camera. D
 * opens the drill on its question, which writes and records nothing until its Start button.
 */
export interface Shortcut {
  keys: string;
  mac: string;
  label: string;
}

export type ShortcutCommand =
  'new' | 'search' | 'export' | 'board' | 'editor' | 'rehearse' | 'drill' | 'checklist' | 'help';

export const SHORTCUTS: Shortcut[] = [
  { keys: 'N', mac: 'N', label: 'New story in the first empty competency (asks first)' },
  { keys: '/', mac: '/', label: 'Search stories' },
  { keys: 'Ctrl+E', mac: '⌘E', label: 'Export the deliverable' },
  { keys: 'B', mac: 'B', label: 'Board (closes the editor)' },
  { keys: 'E', mac: 'E', label: 'Editor: open the last story again' },
  { keys: 'R', mac: 'R', label: 'Rehearse the open (or last) story in the teleprompter (asks first)' },
  { keys: 'D', mac: 'D', label: 'Drill: an interview question to answer from the bank (records only after Start)' },
  { keys: 'C', mac: 'C', label: 'Show or hide the checklist' },
  { keys: 'Alt+↑ Alt+↓', mac: '⌥↑ ⌥↓', label: 'On a story card: move it up or down in the deliverable' },
  { keys: 'Esc', mac: 'Esc', label: 'Close a dialog or menu, clear the search' },
  { keys: '?', mac: '?', label: 'This list' },
];

const SINGLE: Record<string, ShortcutCommand> = {
  n: 'new',
  '/': 'search',
  b: 'board',
  e: 'editor',
  r: 'rehearse',
  d: 'drill',
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

export type TeleprompterCommand = 'pause' | 'faster' | 'slower' | 'next' | 'previous' | 'mirror' | 'end' | 'help';

/** The teleprompter's keys (it is a full-window dialog: the app's single keys do not reach it). */
export const TELEPROMPTER_SHORTCUTS: Shortcut[] = [
  { keys: 'Space', mac: 'Space', label: 'Pause or resume the take' },
  { keys: '↑ ↓', mac: '↑ ↓', label: 'Scroll faster or slower' },
  { keys: '→', mac: '→', label: 'Next section (on Result: end the take)' },
  { keys: '←', mac: '←', label: 'Back to the previous section' },
  { keys: 'M', mac: 'M', label: 'Mirror the script (for a teleprompter glass)' },
  { keys: 'Esc', mac: 'Esc', label: 'End the take; on the summary, leave the teleprompter' },
  { keys: '?', mac: '?', label: 'This list (pauses a running take)' },
];

const TELEPROMPTER_KEYS: Record<string, TeleprompterCommand> = {
  ' ': 'pause',
  arrowup: 'faster',
  arrowdown: 'slower',
  arrowright: 'next',
  arrowleft: 'previous',
  m: 'mirror',
  escape: 'end',
  '?': 'help',
};

/** The teleprompter command a key press means, or null (modifier keys are the browser's). */
export function teleprompterCommandFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): TeleprompterCommand | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  return TELEPROMPTER_KEYS[event.key.toLowerCase()] ?? null;
}
