import { ipcMain, type BrowserWindow } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../core/channels';
import { dispatch } from '../api/dispatch';
import type { StoryBankService } from '../api/storyBankService';
import { isTrustedSender } from './policy';

/** Carries the API table over IPC: arguments are checked by dispatch, the sender here. */
export function wireIpc(service: StoryBankService, window: BrowserWindow): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === frame.top)) {
      return {
        ok: false,
        error: { code: 'bad-request', message: 'calls are accepted from Story Bank’s own page only' },
      };
    }
    return dispatch(service.handlers, name, input);
  });
  const unsubscribe = service.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
