import { apiCalls, isCallName, type ApiHandlers, type Envelope } from '../../core/api';
import { StoryBankError } from '../../core/apiError';

/**
 * Runs one call from a transport. The name and the input arrive as `unknown` and are checked
 * against the contract before any handler sees them; every outcome, including a bug, comes back
 * as an envelope, so a transport never has to catch.
 */
export async function dispatch(handlers: ApiHandlers, name: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: { code: 'bad-request', message: `unknown call ${JSON.stringify(String(name)).slice(0, 80)}` },
    };
  }
  const parsed = apiCalls[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'bad-request', message: `${name}: ${where}${issue.message}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof StoryBankError) return { ok: false, error: { code: error.code, message: error.message } };
    console.error(`story-bank: ${name} failed:`, error);
    return {
      ok: false,
      error: { code: 'internal', message: `${name} failed: ${(error as Error)?.message ?? String(error)}` },
    };
  }
}
