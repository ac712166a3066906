import type { z } from 'zod';

/** One readable line per problem, each with its path: `programme.linkWorkers[2].phone: expected E.164`. */
export function formatIssues(issues: ReadonlyArray<Pick<z.core.$ZodIssue, 'path' | 'message'>>, root: string): string[] {
  return issues.map((issue) => `${formatPath(root, issue.path)}: ${issue.message}`);
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), root) || '(root)';
}

/** Configuration that cannot be used: carries every problem found, never a stack trace for the user. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
