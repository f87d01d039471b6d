import { describe, expect, it } from 'vitest';
import { chooseDevMode } from '../scripts/devMode.js';

describe('npm run dev: which loop (scripts/devMode.js)', () => {
  it('runs electron-vite dev where the Electron binary is installed, passing the arguments on', () => {
    expect(chooseDevMode({ path: '/opt/electron/electron' }, ['--vault', '/tmp/v'])).toEqual({
      mode: 'electron',
      args: ['--vault', '/tmp/v'],
    });
  });

  it('runs the browser host against the dev server where it is not, saying why', () => {
    expect(chooseDevMode({ reason: 'the Electron binary is not installed' }, ['--vault=/tmp/v'])).toEqual({
      mode: 'browser',
      reason: 'the Electron binary is not installed',
      args: ['--vault=/tmp/v'],
    });
  });

  it('runs the browser loop when --browser asks for it, Electron or not, and does not pass the flag on', () => {
    for (const electron of [{ path: '/opt/electron/electron' }, { reason: 'missing' }]) {
      expect(chooseDevMode(electron, ['--browser', '--vault', '/tmp/v'])).toEqual({
        mode: 'browser',
        reason: '--browser was given',
        args: ['--vault', '/tmp/v'],
      });
    }
  });
});
