/**
 * IPC channel names shared by main and preload. Kept apart from api.ts so the sandboxed preload
 * bundle pulls in these two strings and nothing else.
 */
export const CALL_CHANNEL = 'story-bank:call';
export const EVENT_CHANNEL = 'story-bank:event';
