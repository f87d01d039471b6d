export const USAGE = `Usage: story-bank <command> [options]

Commands:
  serve [VAULT] [--port N]   Open VAULT (default: your Story Bank vault) in the browser host on
                             127.0.0.1 and print the address with its access token.

Options:
  --help                     Show this help.
  --version                  Print the version.

Exit codes: 0 success, 1 criteria failed, 2 usage error or unreadable input.`;

/** A mistake in how the command was called: exit code 2 with a one-line reason. */
export class UsageError extends Error {}
