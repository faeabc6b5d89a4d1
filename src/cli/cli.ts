// `run` and `link` over src/scenario and src/timeline (shared/scenario-format.md, "CLI").
// Exit codes: 0 the scenario ran (actions may have returned errnos), 1 an internal error
// (an engine bug), 2 a usage error or an unreadable/invalid scenario. On exit 2 nothing goes
// to stdout, so a caller piping --json never sees half a document.
import type { RunReport } from '../engine/result.ts';
import { decodeLink, encodeLink } from '../scenario/link.ts';
import { parseScenarioText } from '../scenario/schema.ts';
import { LIMITS, type Scenario } from '../scenario/types.ts';
import { runScenario } from '../timeline/run.ts';
import { createTimeline } from '../timeline/timeline.ts';
import { parseArgs, USAGE } from './args.ts';
import { diffRuns, formatDiff, type DiffDocument } from './diff.ts';
import { formatReport } from './table.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Rejects with a message fit for the user when the file cannot be read. */
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.cmd === 'help') {
    io.stdout(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.cmd === 'usage-error') {
    io.stderr(`error: ${args.message}\n\n${USAGE}\n`);
    return EXIT_INVALID;
  }
  if (args.cmd === 'diff') return diff(args.files, args.json, io);
  const loaded = await load(args.file, io);
  if (!loaded.ok) {
    io.stderr(loaded.error + '\n');
    return EXIT_INVALID;
  }
  if (args.cmd === 'link') return link(loaded.scenario, args.step, io);
  return run(loaded.scenario, args.json, args.trace, io);
}

type Loaded = { ok: true; scenario: Scenario } | { ok: false; error: string };

async function load(file: string, io: CliIo): Promise<Loaded> {
  const name = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    return {
      ok: false,
      error: `cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return { ok: false, error: `invalid scenario ${name}: ${parsed.error}` };
  return parsed;
}

function run(scenario: Scenario, json: boolean, trace: boolean, io: CliIo): number {
  let report: RunReport;
  try {
    report = runScenario(scenario, { trace });
  } catch (e) {
    io.stderr(`internal error: the engine failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    return EXIT_INTERNAL;
  }
  if (json) {
    io.stdout(JSON.stringify(report, null, 1) + '\n');
    return EXIT_OK;
  }
  let text = formatReport(scenario, report);
  if (trace && report.trace) text += report.trace.map((w) => JSON.stringify(w) + '\n').join('');
  io.stdout(text);
  return EXIT_OK;
}

function link(scenario: Scenario, step: number | undefined, io: CliIo): number {
  const n = scenario.actions.length;
  if (n > LIMITS.actionsInLink) {
    io.stderr(
      `cannot make a link: a link carries at most ${LIMITS.actionsInLink} actions, this scenario has ${n}\n`,
    );
    return EXIT_INVALID;
  }
  // The link carries the digest of the run it opens (&h=…&ha=…), so the lab can tell when
  // its replay differs. A run that hits an engine bug still gets its link, without one.
  let digest;
  try {
    digest = createTimeline(scenario, { checkpointEvery: 1 << 30 }).digest();
  } catch (e) {
    io.stderr(
      `warning: the run failed (${e instanceof Error ? e.message : String(e)}); the link carries no digest\n`,
    );
  }
  const hash = encodeLink(scenario, step, digest);
  // Only print a link the app will open: the 16 KB cap applies to the hash as a whole.
  const check = decodeLink(hash);
  if (!check.ok) {
    io.stderr(`cannot make a link: ${check.error}\n`);
    return EXIT_INVALID;
  }
  io.stdout(hash + '\n');
  return EXIT_OK;
}

async function diff(files: [string, string], json: boolean, io: CliIo): Promise<number> {
  const sides = [];
  for (const file of files) {
    const loaded = await load(file, io);
    if (!loaded.ok) {
      io.stderr(loaded.error + '\n');
      return EXIT_INVALID;
    }
    sides.push({ file: file === '-' ? 'stdin' : file, scenario: loaded.scenario });
  }
  let doc: DiffDocument;
  try {
    doc = diffRuns(sides[0], sides[1]);
  } catch (e) {
    io.stderr(`internal error: the engine failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    return EXIT_INTERNAL;
  }
  io.stdout(json ? JSON.stringify(doc, null, 1) + '\n' : formatDiff(doc));
  return EXIT_OK;
}
