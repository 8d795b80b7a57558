// Ends every switch over a union, so a new member is a compile error, not a silent fallthrough.

/** @example default: return assertNever(msg); */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
