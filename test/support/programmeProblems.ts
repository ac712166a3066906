import { ConfigError } from '../../bot/platform/formatIssues.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';

/** Every problem parseProgramme finds in `data`, by path; none when it is valid. */
export function programmeProblems(data: unknown): string[] {
  try {
    parseProgramme(data, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}
