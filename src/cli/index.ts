import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appVersion, findAppRoot } from '../main/appPaths';
import { check } from './commands/check';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { serve } from './commands/serve';
import { USAGE, UsageError } from './usage';

const commands: Record<string, (argv: string[], appRoot: string) => Promise<number>> = {
  check,
  export: exportCommand,
  import: importCommand,
  serve,
};

/** The `story-bank` command. Returns the exit code: 0 ok, 1 criteria failed, 2 usage or input error. */
export async function main(argv: string[]): Promise<number> {
  const appRoot = findAppRoot(dirname(fileURLToPath(import.meta.url)));
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(appVersion(appRoot));
    return 0;
  }
  const run = commands[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}" (try story-bank --help)`);
    return await run(rest, appRoot);
  } catch (error) {
    console.error(`story-bank: ${(error as Error).message}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('story-bank:', error);
    process.exitCode = 2;
  },
);
