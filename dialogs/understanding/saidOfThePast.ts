/** Said of what once was: "I used to be lonely all the time", "used to go to 4" (but "used to…, now 2" is now). */
export function saidOfThePast(tokens: readonly string[], at: number): boolean {
  for (let i = at - 1; i > 0; i--) {
    if (tokens[i] === 'now' || tokens[i] === 'but') return false;
    if (tokens[i] === 'to' && tokens[i - 1] === 'used') return true;
  }
  return false;
}
