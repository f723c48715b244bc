// Errors meant for the user: printed as one line without a stack trace, with a chosen exit code.

/** A failure the user can act on (bad input, refused action). Exit code 1 unless said otherwise. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Wrong use of the command line (unknown flag, missing argument): exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The one line shown for any error: user errors as written, anything else prefixed by its kind. */
export function errorLine(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof Error) return `${error.name === 'Error' ? 'error' : error.name}: ${firstLine(error.message)}`;
  return `error: ${String(error)}`;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim();
}
