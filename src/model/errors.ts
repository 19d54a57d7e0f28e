/** An input that cannot be used as given (no file matches a glob, a URL without --online): exit 2, one line. */
export class InputError extends Error {}
