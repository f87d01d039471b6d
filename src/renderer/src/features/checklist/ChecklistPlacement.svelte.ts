import { pageSettings } from '../../shared/pageSettings';

/** Below this width the checklist folds away; its toggle shows it over the board until a link is followed. */
const NARROW_QUERY = '(max-width: 1000px)';
const STORAGE_KEY = 'story-bank.checklist';

/**
 * Where the checklist is: beside the board (shown or hidden by the user, remembered) on a wide
 * window, or folded away on a narrow one and shown over the board on request, closing as any
 * popover does (Esc, a click beside it, a link followed).
 */
export class ChecklistPlacement {
  #query = matchMedia(NARROW_QUERY);
  narrow = $state(this.#query.matches);
  #shown = $state(pageSettings.getItem(STORAGE_KEY) !== 'hidden');
  /** Shown over the board on a narrow window. */
  over = $state(false);
  readonly visible = $derived(this.narrow ? this.over : this.#shown);

  toggle(): void {
    if (this.narrow) {
      this.over = !this.over;
      return;
    }
    this.#shown = !this.#shown;
    pageSettings.setItem(STORAGE_KEY, this.#shown ? 'shown' : 'hidden');
  }

  /** Closes it when shown over the board; Esc hands focus back to its toggle, not to the bare page. */
  closeOver(focusToggle: boolean): void {
    this.over = false;
    if (focusToggle) document.querySelector<HTMLElement>('[data-testid="checklist-toggle"]')?.focus();
  }

  /** A press anywhere but the checklist and its toggle closes it when it is over the board. */
  onpointerdown = (event: PointerEvent): void => {
    if (!this.over || !(event.target instanceof Element)) return;
    if (event.target.closest('[data-testid="checklist"], [data-testid="checklist-toggle"]')) return;
    this.closeOver(false);
  };

  /** Follows the window's width; returns the stop. */
  start(): () => void {
    const onwidth = (): void => {
      this.narrow = this.#query.matches;
      this.over = false;
    };
    this.#query.addEventListener('change', onwidth);
    return () => this.#query.removeEventListener('change', onwidth);
  }
}
