// Validation messages in the contract's shape: `actions[3].count: must be ≥ 1`.
import type { z } from 'zod';

export type PathPart = string | number;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? 'scenario' : out;
}

export function issueAt(path: readonly PropertyKey[], message: string): string {
  return `${formatPath(path)}: ${message}`;
}

/** Quote a user-supplied string for a message without letting it flood the message. */
export function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

const KIND: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** One zod issue as a contract message; `input` is the value zod parsed, found at `base`. */
export function formatIssue(
  base: readonly PathPart[],
  issue: z.core.$ZodIssue,
  input: unknown,
): string {
  const path = [...base, ...issue.path];
  const missing =
    (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'custom') &&
    valueAt(input, issue.path) === undefined;
  if (missing) return issueAt(path, 'is required');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issueAt([...path, issue.keys[0] ?? '?'], 'unknown field');
    case 'invalid_type':
      return issueAt(path, `must be ${KIND[issue.expected] ?? issue.expected}`);
    case 'too_small':
      if (issue.origin === 'array')
        return issueAt(
          path,
          `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`,
        );
      if (issue.origin === 'string') return issueAt(path, 'must not be empty');
      return issueAt(path, `must be ≥ ${issue.minimum}`);
    case 'too_big':
      if (issue.origin === 'array')
        return issueAt(path, `must have at most ${issue.maximum} items`);
      if (issue.origin === 'string')
        return issueAt(path, `must be at most ${issue.maximum} characters`);
      return issueAt(path, `must be ≤ ${issue.maximum}`);
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      if (options.length === 1) return issueAt(path, `must be ${options[0]}`);
      return issueAt(path, `must be one of ${options.join(', ')}`);
    }
    default:
      return issueAt(path, issue.message);
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, key))
      return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
