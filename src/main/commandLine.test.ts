import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError, vaultOption } from './commandLine';

const usageError = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no usage error');
};

describe('parseCommandLine', () => {
  const parse = (...argv: string[]) => parseCommandLine(argv, ['json', 'strict', 'wpm', 'out'], ['wpm', 'out']);

  it('splits positionals from flags, valued ones with a space or an equals sign', () => {
    expect(parse('a.md', '--json', '--wpm', '120', '--out=x.md', 'b')).toEqual({
      positionals: ['a.md', 'b'],
      flags: new Map<string, string | true>([
        ['json', true],
        ['wpm', '120'],
        ['out', 'x.md'],
      ]),
    });
  });

  it('takes the next argument as a value even when it starts with a dash, and keeps the last of a flag', () => {
    expect(parse('--wpm', '-5').flags.get('wpm')).toBe('-5');
    expect(parse('--out', '--json').flags).toEqual(new Map([['out', '--json']]));
    expect(parse('--wpm=1', '--wpm=2').flags.get('wpm')).toBe('2');
    expect(parse('--out=a=b').flags.get('out')).toBe('a=b');
  });

  it('reads everything after -- as positionals, and a lone - as one', () => {
    expect(parse('--', '--json', '-x').positionals).toEqual(['--json', '-x']);
    expect(parse('-').positionals).toEqual(['-']);
  });

  it('refuses unknown options, values on plain flags and missing or empty values, naming the flag', () => {
    expect(usageError(() => parse('--bogus'))).toBe('unknown option --bogus');
    expect(usageError(() => parse('--bogus=1'))).toBe('unknown option --bogus');
    expect(usageError(() => parse('-x'))).toBe('unknown option -x');
    expect(usageError(() => parse('--constructor'))).toBe('unknown option --constructor');
    expect(usageError(() => parse('--json=yes'))).toBe('--json takes no value');
    expect(usageError(() => parse('--json='))).toBe('--json takes no value');
    expect(usageError(() => parse('--wpm'))).toBe('--wpm needs a value');
    expect(usageError(() => parse('--out='))).toBe('--out needs a value');
    expect(usageError(() => parse('--out', ''))).toBe('--out needs a value');
  });
});

describe('vaultOption', () => {
  it('reads --vault DIR and --vault=DIR from an Electron or npm start command line', () => {
    expect(vaultOption(['/usr/bin/electron', '/app', '--vault', '/v'])).toBe('/v');
    expect(vaultOption(['/usr/bin/electron', '/app', '--vault=/w'])).toBe('/w');
    expect(vaultOption(['--vault=/a', '--vault', '/b'])).toBe('/b');
    expect(vaultOption(['/usr/bin/electron', '/app'])).toBeUndefined();
    expect(vaultOption([])).toBeUndefined();
  });

  it("lets Electron's and Chromium's own switches through", () => {
    expect(
      vaultOption(['electron', '.', '--no-sandbox', '--inspect=9229', '-psn_0_1', '--vault=/v', '--enable-logging']),
    ).toBe('/v');
  });

  it('refuses a --vault without a folder instead of opening the default vault', () => {
    expect(usageError(() => vaultOption(['electron', '.', '--vault']))).toBe('--vault needs a value');
    expect(usageError(() => vaultOption(['electron', '.', '--vault=']))).toBe('--vault needs a value');
  });
});
