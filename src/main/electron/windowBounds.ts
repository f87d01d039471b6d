import type { WindowBounds } from './policy';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MIN_WIDTH = 960;
const MIN_HEIGHT = 600;
/** At least this much of the window's top strip must be on a screen to grab it. */
const VISIBLE = 80;

/**
 * The window bounds saved last time, if they still make sense: numbers, at least the minimum
 * size, and the title bar on one of today's screens (a monitor may have been unplugged). Else
 * null, and the window opens at its default size.
 */
export function restoredBounds(saved: unknown, workAreas: readonly Area[]): WindowBounds | null {
  if (!saved || typeof saved !== 'object') return null;
  const { x, y, width, height } = saved as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const bounds = { x: x as number, y: y as number, width: width as number, height: height as number };
  if (bounds.width < MIN_WIDTH || bounds.height < MIN_HEIGHT) return null;
  const onScreen = workAreas.some(
    (area) =>
      bounds.x + bounds.width - VISIBLE >= area.x &&
      bounds.x + VISIBLE <= area.x + area.width &&
      bounds.y >= area.y &&
      bounds.y + VISIBLE <= area.y + area.height,
  );
  if (!onScreen) return null;
  const area = workAreas.find((a) => bounds.x + VISIBLE <= a.x + a.width && bounds.y >= a.y) ?? workAreas[0];
  return {
    ...bounds,
    width: Math.min(bounds.width, area.width),
    height: Math.min(bounds.height, area.height),
  };
}
