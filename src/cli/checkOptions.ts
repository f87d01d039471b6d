import type { CheckOptions } from '../core/checker/types';
import type { ParsedArgs } from '../main/commandLine';
import { UsageError } from './usage';

/** `--strict` and `--wpm N` (a speaking pace from 60 to 400 words a minute). */
export function checkOptions(flags: ParsedArgs['flags']): CheckOptions {
  const options: CheckOptions = { strict: flags.has('strict') };
  const wpm = flags.get('wpm');
  if (wpm !== undefined) {
    const value = Number(wpm);
    if (!/^\d+$/.test(String(wpm)) || value < 60 || value > 400)
      throw new UsageError('--wpm must be a whole number of words a minute from 60 to 400');
    options.wpm = value;
  }
  return options;
}
