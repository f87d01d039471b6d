import type { ApiError, ErrorCode } from './api';

/** An error meant for the user: its message is shown as is, its code picks the envelope's code. */
export class StoryBankError extends Error implements ApiError {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoryBankError';
  }
}
