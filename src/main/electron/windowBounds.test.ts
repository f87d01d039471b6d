import { describe, expect, it } from 'vitest';
import { restoredBounds } from './windowBounds';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoredBounds', () => {
  it('restores a window that is on a screen today', () => {
    expect(restoredBounds({ x: 100, y: 50, width: 1200, height: 800 }, [laptop])).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
    });
    expect(restoredBounds({ x: 1600, y: 100, width: 1920, height: 1080 }, [laptop, monitor])).toMatchObject({
      x: 1600,
    });
  });

  it('forgets bounds on a screen that is gone, too small, or not numbers', () => {
    expect(restoredBounds({ x: 1600, y: 100, width: 1920, height: 1080 }, [laptop])).toBeNull();
    expect(restoredBounds({ x: 0, y: 0, width: 400, height: 300 }, [laptop])).toBeNull();
    expect(restoredBounds({ x: '0', y: 0, width: 1200, height: 800 }, [laptop])).toBeNull();
    expect(restoredBounds({ x: 0, y: -500, width: 1200, height: 800 }, [laptop])).toBeNull();
    expect(restoredBounds(null, [laptop])).toBeNull();
    expect(restoredBounds({ x: 0, y: 0, width: Infinity, height: 800 }, [laptop])).toBeNull();
  });

  it('shrinks a window larger than its screen to fit', () => {
    expect(restoredBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 900,
    });
  });
});
