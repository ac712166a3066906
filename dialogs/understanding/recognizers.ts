import { createRequire } from 'node:module';
import type * as RecognizersSuite from '@microsoft/recognizers-text-suite';

const require = createRequire(import.meta.url);
let suite: typeof RecognizersSuite | undefined;

/**
 * Microsoft's recognizers, loaded on first use: their models take a sixth of a second to load, and
 * most replies ("3", "often", "yes") never need them. The server loads them as soon as it listens
 * (warmRecognizers), so start-up does not wait for them and a reply arriving first only waits once.
 */
export function recognizers(): typeof RecognizersSuite {
  suite ??= require('@microsoft/recognizers-text-suite') as typeof RecognizersSuite;
  return suite;
}

export function warmRecognizers(): void {
  recognizers();
}
