// Command line → command. Anything unexpected is a usage error (exit 2), never a guess.

export type Command =
  | { cmd: 'run'; file: string; json: boolean; trace: boolean }
  | { cmd: 'link'; file: string; step?: number }
  | { cmd: 'diff'; files: [string, string]; json: boolean }
  | { cmd: 'help' };

export type ParsedArgs = Command | { cmd: 'usage-error'; message: string };

export const USAGE = `usage:
  npm run --silent cli -- run <scenario.json|-> [--json] [--trace]
  npm run --silent cli -- link <scenario.json|-> [--step N]
  npm run --silent cli -- diff <a.json|-> <b.json|-> [--json]

run    run a scenario (- reads it from stdin); exit 0 when it ran, 2 when it is invalid
       --json   print the result as one JSON document
       --trace  also print every waypoint (JSON lines, or a "trace" array with --json)
link   print the scenario's share-link hash (#v1.…)
       --step N open the link at waypoint N
diff   run two scenarios: where their runs part, how final pages, frames and counters differ
       (exit 0 whatever the differences, 2 when either is invalid)
       --json   print the comparison as one JSON document`;

const FLAGS: Record<string, readonly string[]> = {
  run: ['--json', '--trace'],
  link: ['--step'],
  diff: ['--json'],
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return usageError('no command given');
  const [cmd, ...rest] = argv;
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') return { cmd: 'help' };
  if (cmd !== 'run' && cmd !== 'link' && cmd !== 'diff')
    return usageError(`unknown command "${cmd}"`);

  const files: string[] = [];
  const seen = new Set<string>();
  let step: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') return { cmd: 'help' };
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const [flag, inline] = splitFlag(arg);
    if (!FLAGS[cmd].includes(flag)) return usageError(`unknown option "${flag}" for ${cmd}`);
    if (seen.has(flag)) return usageError(`${flag} given twice`);
    seen.add(flag);
    if (flag === '--step') {
      const value = inline ?? rest[++i];
      if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) > 2 ** 31 - 1)
        return usageError('--step needs a whole number ≥ 0');
      step = Number(value);
    } else if (inline !== undefined) {
      return usageError(`${flag} takes no value`);
    }
  }
  if (cmd === 'diff') {
    if (files.length !== 2)
      return usageError(
        `diff takes two scenario files (one may be - for stdin), got ${files.length}`,
      );
    if (files[0] === '-' && files[1] === '-')
      return usageError('diff can read only one of the two from stdin');
    return { cmd, files: [files[0], files[1]], json: seen.has('--json') };
  }
  if (files.length === 0) return usageError(`${cmd} needs a scenario file (or - for stdin)`);
  if (files.length > 1) return usageError(`${cmd} takes one scenario file, got ${files.length}`);
  const file = files[0];
  if (cmd === 'run') return { cmd, file, json: seen.has('--json'), trace: seen.has('--trace') };
  return step === undefined ? { cmd, file } : { cmd, file, step };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function usageError(message: string): ParsedArgs {
  return { cmd: 'usage-error', message };
}
