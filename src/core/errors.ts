/**
 * Errors we throw. `UsageError` and `InputError` are the user's to fix (exit 2, no stack trace);
 * anything else that escapes is our bug and carries a stable `code`.
 */
export class IamcheckError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IamcheckError';
  }
}

/** Wrong flags or arguments. */
export class UsageError extends IamcheckError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** Input that cannot be analyzed at all: says where (file:line:column) and what to do. */
export class InputError extends IamcheckError {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
    readonly help?: string,
  ) {
    super('input', message);
    this.name = 'InputError';
  }

  /** `file:line:column: message` followed by the help, as the CLI prints it. */
  describe(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}:${this.column ?? 1}` : ''}: ` : '';
    return `${where}${this.message}${this.help ? `\n  help: ${this.help}` : ''}`;
  }
}
