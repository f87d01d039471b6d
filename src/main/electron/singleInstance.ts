/**
 * Two Story Banks on one vault would each save, watch and commit the same files. Electron's
 * single-instance lock makes a second start hand over to the first; these are the decisions,
 * kept free of Electron so they are tested where its binary cannot run.
 */

/** What a start does: the first instance starts; any other quits (the first is told and shows itself). */
export function startAction(gotSingleInstanceLock: boolean): 'start' | 'quit' {
  return gotSingleInstanceLock ? 'start' : 'quit';
}

export interface WindowState {
  minimized: boolean;
  visible: boolean;
}

/** What the first instance does with its window when another start is handed over to it. */
export function secondInstanceSteps(window: WindowState | null): Array<'restore' | 'show' | 'focus'> {
  // Still starting (no window yet): the window it is about to open comes to the front anyway.
  if (!window) return [];
  return [...(window.minimized ? ['restore' as const] : []), ...(window.visible ? [] : ['show' as const]), 'focus'];
}
