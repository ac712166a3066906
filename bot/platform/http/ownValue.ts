/**
 * A table's own entry for a key that came from outside (a URL, a form, a callback), or undefined:
 * never something inherited, so "__proto__", "constructor" or "toString" find nothing.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string | number): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
