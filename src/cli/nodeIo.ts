// The CLI's I/O on a real process: files, stdin, stdout and stderr.
import { readFile, stat } from 'node:fs/promises';
import type { CliIo } from './cli.ts';

/** Larger than any valid scenario text (parseScenarioText refuses 32 M characters). */
const MAX_BYTES = 64 * 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

function reason(e: unknown): Error {
  const code = (e as { code?: string }).code;
  return new Error((code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e)));
}

export const nodeIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  async readFile(path) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
      if (info.size > MAX_BYTES) throw new Error(`file is too large (${info.size} bytes)`);
      return await readFile(path, 'utf8');
    } catch (e) {
      throw reason(e);
    }
  },
  async readStdin() {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) throw new Error('input is too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  },
};
