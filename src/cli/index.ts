import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appVersion, findAppRoot } from '../main/appPaths';
import { USAGE, UsageError } from './usage';

type Command = (argv: string[], appRoot: string) => Promise<number>;

/**
 * Each command's module is loaded when it runs, so a command loads only what it needs: `serve`
 * prints its address before the checker, the exporter and zod are even read (see serve.ts).
 */
const commands: Record<string, () => Promise<Command>> = {
  check: () => import('./commands/check').then((m) => m.check),
  export: () => import('./commands/export').then((m) => m.exportCommand),
  import: () => import('./commands/import').then((m) => m.importCommand),
  serve: () => import('./commands/serve').then((m) => m.serve),
  stats: () => import('./commands/stats').then((m) => m.stats),
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
  const load = Object.hasOwn(commands, command) ? commands[command] : undefined;
  try {
    if (!load) throw new UsageError(`unknown command "${command}" (try story-bank --help)`);
    return await (
      await load()
    )(rest, appRoot);
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
