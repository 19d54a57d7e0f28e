/**
 * A system error as one short line: `EACCES: permission denied`, without the syscall and path
 * Node appends (`, open '/abs/path/.x.tmp'`): the finding or message already names the file,
 * and a temporary or absolute path would only confuse.
 */
export function systemErrorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const message = e instanceof Error ? e.message : String(err);
  return e.syscall ? message.replace(/, \w+(?: '.*')?$/, '') : message;
}
