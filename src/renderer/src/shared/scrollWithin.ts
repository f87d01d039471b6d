/**
 * Scrolls `container` (and only it) so `target` shows: at the middle with 'center', by the least
 * distance with 'nearest'. `Element.scrollIntoView` scrolls every ancestor that can scroll, the
 * page and `overflow: hidden` boxes included, which pushed the app's header out of view.
 */
export function scrollWithin(container: HTMLElement, target: HTMLElement, block: 'center' | 'nearest'): void {
  const box = container.getBoundingClientRect();
  const rect = target.getBoundingClientRect();
  // The sticky bar at the top of a panel covers its first pixels: scroll-padding-top says how many.
  const padding = parseFloat(getComputedStyle(container).scrollPaddingTop) || 0;
  const top = box.top + padding;
  let delta = 0;
  if (block === 'center') delta = rect.top + rect.height / 2 - (top + box.bottom) / 2;
  else if (rect.top < top) delta = rect.top - top;
  else if (rect.bottom > box.bottom) delta = Math.min(rect.bottom - box.bottom, rect.top - top);
  container.scrollTop += delta;
}
