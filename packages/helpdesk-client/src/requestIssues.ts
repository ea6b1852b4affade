import { issuePath, type ValidationIssue } from '@regkit/core';
import type * as z from 'zod/mini';

type Path = readonly PropertyKey[];

const valueAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );

const EXPECTED: Readonly<Record<string, string>> = {
  int: 'an integer',
  record: 'an object',
  object: 'an object',
  array: 'an array',
};

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** What a check wanted, in words; never the value that broke it (it may be a password). */
function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? 'is required'
        : `must be ${EXPECTED[issue.expected] ?? `of type ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${quoted(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `must match ${issue.pattern}`
        : `must be ${issue.format}`;
    case 'invalid_key':
      return 'is not an allowed key';
    case 'unrecognized_keys':
      return `has unknown fields ${quoted(issue.keys)}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters long' : ''}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters long' : ''}`;
    default:
      return issue.message;
  }
}

/**
 * The issues of a request body that failed its generated schema, each naming its field by path from
 * `root` (`body.Note.Note Type`): what the client throws and the mock answers with.
 */
export function requestIssues(
  error: { readonly issues: readonly z.core.$ZodIssue[] },
  input: unknown,
  root = 'body',
): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issuePath(root, issue.path),
    message: messageOf(issue, input),
  }));
}
