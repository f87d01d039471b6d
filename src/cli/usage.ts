export const USAGE = `Usage: story-bank <command> [options]

Commands:
  check PATH [--json] [--strict] [--wpm N]
                             Check a deliverable file or a vault folder against the five pass
                             criteria. --strict asks for two alternatives per tradeoff; --wpm sets
                             the speaking pace for timing warnings (default 150).
  export VAULT [--out FILE] [--force]
                             Write week-23/day5-interview-story-bank.md under the vault's git
                             repository (or FILE) and commit it. A copy edited by hand since the
                             last export is not overwritten unless --force is given.
  import FILE VAULT          Add the stories in FILE (a deliverable, or a folder of .md files with
                             one STAR answer each) to VAULT as new stories. Nothing is replaced.
  stats VAULT [--json]       The mock-interview drills so far: question types weakest first
                             (accuracy, median time to choose) and each story's rubric trend.
  serve [VAULT] [--port N]   Open VAULT (default: your Story Bank vault) in the browser host on
                             127.0.0.1 and print the address with its access token.

Options:
  --help                     Show this help.
  --version                  Print the version.

Exit codes: 0 success (all five criteria pass), 1 a criterion fails (stats: a file could not be
read), 2 usage error, unreadable input, or an export refused.`;
export { UsageError } from '../main/commandLine';
