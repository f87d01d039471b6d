import type { CompetencyId } from '@core/competencies';

/** The MIME type a dragged card carries: its story id. Never text, so it cannot land in a field. */
const DRAG_TYPE = 'application/x-story-bank-story';

/**
 * A card dragged between competency columns: which card, from where, and the column it is over.
 * `onmove` is asked to move it when it is dropped on another column.
 */
export class CardDrag {
  dragging = $state<{ id: string; from: CompetencyId } | null>(null);
  over = $state<CompetencyId | null>(null);

  constructor(
    private readonly enabled: () => boolean,
    private readonly onmove: (id: string, competency: CompetencyId) => void,
  ) {}

  /** Whether a card being dragged could be dropped on `competency`. */
  canDrop(competency: CompetencyId): boolean {
    return this.dragging !== null && this.dragging.from !== competency;
  }

  start(from: CompetencyId, id: string, event: DragEvent): void {
    if (!this.enabled() || !event.dataTransfer) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, id);
    this.dragging = { id, from };
  }

  end(): void {
    this.dragging = null;
    this.over = null;
  }

  enter(competency: CompetencyId, event: DragEvent): void {
    if (!this.canDrop(competency)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.over = competency;
  }

  leave(competency: CompetencyId, event: DragEvent): void {
    const to = event.relatedTarget as Node | null;
    if (this.over === competency && !(to && (event.currentTarget as HTMLElement).contains(to))) this.over = null;
  }

  drop(competency: CompetencyId, event: DragEvent): void {
    const id = this.dragging?.id ?? event.dataTransfer?.getData(DRAG_TYPE);
    if (!id || this.dragging?.from === competency) return;
    event.preventDefault();
    this.end();
    this.onmove(id, competency);
  }
}
