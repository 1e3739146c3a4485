import { Writable } from 'node:stream'
import { COMMANDS } from '../../../runtime/commands/index.ts'
import { ROOT } from '../../helpers/documents.ts'

/** A writable that keeps what is written to it. */
class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString()
    done()
  }
}

/** Run a CLI command in-process, as `cn-budget-etl NAME ...args` would from the repository root (`tty`: stderr says it is a terminal). */
export async function runCommand(name: string, args: string[], options: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = COMMANDS[name]
  if (!command) throw new Error(`No command \`${name}\``)
  const stdout = new Capture()
  const stderr = Object.assign(new Capture(), options.tty ? { isTTY: true } : {})
  const code = await command.run(args, { root: ROOT, stdout, stderr })
  return { code, stdout: stdout.text, stderr: stderr.text }
}
