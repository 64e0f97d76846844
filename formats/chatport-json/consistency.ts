/** The keys of a record that its schema object does not name (they are not carried over). */
export function unknownKeys(value: object, known: ReadonlySet<string>): string[] {
  return Object.keys(value).filter((k) => !known.has(k));
}
