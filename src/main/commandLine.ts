/**
 * The one reader of command lines: the `story-bank` CLI's commands, the Electron app's `--vault`
 * and `npm start` (scripts/start.js, through the build's out/main/commandLine.js). Node's
 * `parseArgs` splits them (`--flag value`, `--flag=value`, `--` before positionals); the checks
 * and their messages are ours, as the CLI's usage errors are a public interface.
 */
import { parseArgs } from 'node:util';

/** A mistake in how a command was called: exit code 2 with a one-line reason. */
export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Node's tokens, with the `valued` options taking the next argument when not given `=value`. */
function tokensOf(argv: readonly string[], valued: readonly string[]) {
  // Not strict: an unknown option is reported by the caller, in its words (or let through).
  return parseArgs({
    args: [...argv],
    options: Object.fromEntries(valued.map((name) => [name, { type: 'string' as const }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  }).tokens;
}

/** A valued option's value; missing or empty is a usage error. */
function valueOf(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

/**
 * Splits argv into positionals and `--flag` / `--flag value` / `--flag=value` options. Only the
 * flags named in `valued` take a value; any option not in `known` (short ones too) is a usage error.
 */
export function parseCommandLine(
  argv: readonly string[],
  known: readonly string[],
  valued: readonly string[] = [],
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (const token of tokensOf(argv, valued)) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (!known.includes(name)) throw new UsageError(`unknown option ${rawName}`);
    if (valued.includes(name)) flags.set(name, valueOf(name, token.value));
    else if (token.value !== undefined) throw new UsageError(`--${name} takes no value`);
    else flags.set(name, true);
  }
  return { positionals, flags };
}

/**
 * `--vault DIR` (or `--vault=DIR`; the last one counts) among arguments that are not all ours:
 * Electron's argv carries its executable, the app's folder and Chromium's switches, which `npm
 * start` passes on, so anything else is let through. A `--vault` without a folder is an error
 * rather than the default vault, which the user did not ask for.
 */
export function vaultOption(argv: readonly string[]): string | undefined {
  let vault: string | undefined;
  for (const token of tokensOf(argv, ['vault'])) {
    if (token.kind === 'option' && token.name === 'vault') vault = valueOf('vault', token.value);
  }
  return vault;
}
