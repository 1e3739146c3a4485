import { buildCommand } from './build.ts'
import type { Command } from './types.ts'

/** The CLI's commands by name; a new command is one entry here and one file beside it. */
export const COMMANDS: Record<string, Command> = {
  build: buildCommand,
}

export type { Command, CommandContext } from './types.ts'
