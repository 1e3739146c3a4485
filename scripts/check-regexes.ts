/**
 * Check every regular expression of the code for catastrophic backtracking
 * (ReDoS) with recheck: regex literals and `new RegExp('…')` with literal
 * patterns in the TypeScript and JavaScript sources, and the `patterns` of
 * the reference data (normalizers/data/*.json), which are compiled at load.
 * A document is untrusted input: one crafted line must not hang the build.
 *
 * Run: `npx tsx scripts/check-regexes.ts` (exit 1 when a regex is vulnerable).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { check } from 'recheck'

const ROOT = resolve(import.meta.dirname, '..')
/** Folders whose code runs on document text (tests and scripts excluded: they run on fixed data). */
const SOURCE_FOLDERS = ['core', 'normalizers', 'extractors', 'pipeline', 'outputs', 'runtime', 'bin']
/** Folder of reference data whose `patterns` strings are compiled with `new RegExp`. */
const DATA_FOLDER = join('normalizers', 'data')

/** A regular expression found in the code, with where it stands. */
export interface FoundRegex {
  source: string
  flags: string
  /** `file:line` of the expression. */
  where: string
}

/** The result of checking one regex. */
export interface RegexVerdict extends FoundRegex {
  status: 'safe' | 'vulnerable' | 'unknown'
  /** recheck's summary (`2nd degree polynomial`), or why it could not decide. */
  detail: string
  /** A string that triggers the backtracking, when vulnerable. */
  attack?: string
}

/** Every `.ts`/`.js` file under the given folders of the repository. */
export function listSourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (name === 'node_modules') continue
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(?:ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) files.push(path)
    }
  }
  for (const folder of folders) {
    const dir = join(root, folder)
    try {
      if (statSync(dir).isDirectory()) walk(dir)
    } catch {
      // A folder that does not exist has no regexes.
    }
  }
  return files
}

/** The regex literals and literal `new RegExp(…)` calls of one source text, parsed with the TypeScript compiler. */
export function findRegexesInSource(text: string, file: string): FoundRegex[] {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: FoundRegex[] = []
  const where = (node: ts.Node): string => `${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1}`
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sourceFile)
      const end = literal.lastIndexOf('/')
      found.push({ source: literal.slice(1, end), flags: literal.slice(end + 1), where: where(node) })
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? []
      if (pattern && ts.isStringLiteralLike(pattern)) {
        found.push({ source: pattern.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '', where: where(node) })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}

/** The `patterns` strings of a reference data file (compiled with `new RegExp` by the normalizers). */
export function findRegexesInData(value: unknown, file: string, path = ''): FoundRegex[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => findRegexesInData(entry, file, `${path}[${index}]`))
  if (!value || typeof value !== 'object') return []
  const found: FoundRegex[] = []
  for (const [key, entry] of Object.entries(value)) {
    if (/^patterns?$/.test(key)) {
      const patterns = Array.isArray(entry) ? entry : [entry]
      for (const [index, pattern] of patterns.entries()) {
        if (typeof pattern === 'string') found.push({ source: pattern, flags: '', where: `${file}:${path}.${key}[${index}]` })
      }
    } else found.push(...findRegexesInData(entry, file, `${path}.${key}`))
  }
  return found
}

/** Every regex of the repository's code and reference data. */
export function findAllRegexes(root: string = ROOT): FoundRegex[] {
  const found: FoundRegex[] = []
  for (const file of listSourceFiles(root, SOURCE_FOLDERS)) {
    found.push(...findRegexesInSource(readFileSync(file, 'utf8'), relative(root, file)))
  }
  const dataDir = join(root, DATA_FOLDER)
  for (const name of readdirSync(dataDir).filter((entry) => entry.endsWith('.json')).sort()) {
    const file = join(dataDir, name)
    found.push(...findRegexesInData(JSON.parse(readFileSync(file, 'utf8')) as unknown, relative(root, file)))
  }
  return found
}

/** Check one regex with recheck (automatic: static analysis, fuzzing where it cannot decide). */
export async function checkRegex(regex: FoundRegex): Promise<RegexVerdict> {
  // A fixed seed makes the fuzzer (used where static analysis cannot decide, e.g. lookbehind) give the same verdict on every run.
  const result = await check(regex.source, regex.flags, { timeout: 10_000, randomSeed: 42 })
  if (result.status === 'vulnerable') {
    return { ...regex, status: 'vulnerable', detail: result.complexity.summary, attack: result.attack.pattern }
  }
  if (result.status === 'safe') return { ...regex, status: 'safe', detail: result.complexity.summary }
  return { ...regex, status: 'unknown', detail: result.error.kind === 'timeout' ? 'timeout' : JSON.stringify(result.error) }
}

/** Check every regex of the repository; the verdicts of those not proven safe. */
export async function checkAllRegexes(root: string = ROOT): Promise<{ checked: number; problems: RegexVerdict[] }> {
  const regexes = findAllRegexes(root)
  const problems: RegexVerdict[] = []
  // The same pattern often appears in several places: check it once.
  const verdicts = new Map<string, Promise<RegexVerdict>>()
  for (const regex of regexes) {
    const key = `${regex.flags}/${regex.source}`
    let verdict = verdicts.get(key)
    if (!verdict) {
      verdict = checkRegex(regex)
      verdicts.set(key, verdict)
    }
    const { status, detail, attack } = await verdict
    if (status !== 'safe') problems.push({ ...regex, status, detail, ...(attack !== undefined ? { attack } : {}) })
  }
  return { checked: regexes.length, problems }
}

async function main(): Promise<number> {
  const { checked, problems } = await checkAllRegexes()
  for (const problem of problems) {
    process.stderr.write(`${problem.where}  /${problem.source}/${problem.flags}  ${problem.status}: ${problem.detail}${problem.attack ? ` (attack: ${problem.attack})` : ''}\n`)
  }
  const vulnerable = problems.filter((problem) => problem.status === 'vulnerable').length
  process.stdout.write(`check-regexes: ${checked} regexes, ${vulnerable} vulnerable, ${problems.length - vulnerable} undecided\n`)
  return vulnerable > 0 ? 1 : 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`check-regexes: ${(error as Error).stack ?? String(error)}\n`)
      process.exit(2)
    },
  )
}
