// Entry point: `npm run --silent cli -- <command> …` (see args.ts for usage).
import { main } from './cli.ts';
import { nodeIo } from './nodeIo.ts';

// A reader that closes the pipe early (| head) is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(process.argv.slice(2), nodeIo).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
