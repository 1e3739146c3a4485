/** A CLI command: its one-line usage and what it does with its arguments. */
export interface Command {
  /** Usage line(s) shown by `--help` and on a wrong call. */
  usage: string
  /** Run with the arguments after the command name; resolves to the exit code. */
  run(args: string[], context: CommandContext): Promise<number>
}

/** What every command gets from the CLI. */
export interface CommandContext {
  /** Repository root: default inputs/outputs and `source_file` paths are relative to it. */
  root: string
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}
