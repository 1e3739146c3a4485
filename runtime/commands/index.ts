import { buildCommand } from './build.ts'
import { explainCommand } from './explain.ts'
import { inspectCommand } from './inspect.ts'
import type { Command } from './types.ts'

/** The CLI's commands by name; a new command is one entry here and one file beside it. */
export const COMMANDS: Record<string, Command> = {
  build: buildCommand,
  inspect: inspectCommand,
  explain: explainCommand,
}

export type { Command, CommandContext } from './types.ts'
