// One error type for everything that stops a single file from being linted.
// Front ends print `message` as one line naming the file; other files go on.

export class ReadError extends Error {
  constructor(
    readonly filePath: string,
    readonly problem: string,
  ) {
    super(`${filePath}: ${problem}`);
    this.name = 'ReadError';
  }
}

/** A mistake in configuration or a rule pack, with the file, line and key at fault. */
export class ConfigError extends Error {
  constructor(
    readonly filePath: string,
    readonly problem: string,
    readonly line?: number,
    readonly key?: string,
  ) {
    super(`${filePath}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}
