/**
 * The story editor's keys, as attachments: Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (and Ctrl+Y) mean the
 * editor's undo across all fields, not one text area's; Esc in a field leaves it for the editor's
 * frame, and a second Esc there closes the editor. Focus so never falls to the page, where single
 * letters are shortcuts.
 */
export interface UndoActions {
  undo: () => void;
  redo: () => void;
  mac: boolean;
}

/** Listens on the whole form, so every field shares the editor's undo. */
export function sharedUndoKeys(actions: UndoActions): (form: HTMLFormElement) => () => void {
  function onkeydown(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    if ((event.target as HTMLElement).closest('[data-native-undo]')) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      actions.undo();
    } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !actions.mac && !event.shiftKey)) {
      event.preventDefault();
      actions.redo();
    }
  }

  /** Edit ▸ Undo / Redo from a menu reaches the page as these input events. */
  function onbeforeinput(event: InputEvent): void {
    if ((event.target as HTMLElement).closest('[data-native-undo]')) return;
    if (event.inputType === 'historyUndo') {
      event.preventDefault();
      actions.undo();
    } else if (event.inputType === 'historyRedo') {
      event.preventDefault();
      actions.redo();
    }
  }

  return (form) => {
    form.addEventListener('keydown', onkeydown);
    form.addEventListener('beforeinput', onbeforeinput);
    return () => {
      form.removeEventListener('keydown', onkeydown);
      form.removeEventListener('beforeinput', onbeforeinput);
    };
  };
}

/**
 * Esc on the editor's panel (focusable, tabindex -1): from inside it, focus moves to the panel
 * itself; on the panel, `onclose`. An Esc a menu or dialog inside already handled is left alone.
 */
export function escapeKeys(onclose: () => void): (panel: HTMLElement) => () => void {
  return (panel) => {
    function onkeydown(event: KeyboardEvent): void {
      if (event.key !== 'Escape' || event.defaultPrevented || event.target instanceof Node === false) return;
      if ((event.target as Element).closest('dialog')) return;
      event.preventDefault();
      if (event.target === panel) onclose();
      else panel.focus();
    }
    panel.addEventListener('keydown', onkeydown);
    return () => panel.removeEventListener('keydown', onkeydown);
  };
}
