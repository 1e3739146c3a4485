import { spawnSync } from 'node:child_process'

/** A fact's page and box as the facts table holds them. */
export interface FactBox {
  page: number
  x0: string
  y0: string
  x1: string
  y1: string
}

/**
 * The text poppler prints for a box of a page (`pdftotext -f P -l P -x -y
 * -W -H`, whole points: the box widened by `pad` points on each side and
 * rounded outwards), white space removed: an independent reading of what
 * stands inside a fact's box.
 */
export function cropText(pdf: string, box: FactBox, pad = 1): string {
  const x = Math.floor(Number(box.x0) - pad)
  const y = Math.floor(Number(box.y0) - pad)
  const width = Math.ceil(Number(box.x1) + pad) - x
  const height = Math.ceil(Number(box.y1) + pad) - y
  const args = ['-q', '-f', String(box.page), '-l', String(box.page), '-x', String(x), '-y', String(y), '-W', String(width), '-H', String(height), '-enc', 'UTF-8', pdf, '-']
  const run = spawnSync('pdftotext', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`pdftotext ${args.join(' ')} failed: ${run.stderr}`)
  return run.stdout.replace(/\s+/g, '')
}

/** Why the PDF tests cannot run here (a tool missing, with its Debian package), or undefined when they can. */
export function pdfToolMissing(tools: readonly string[] = ['pdftotext']): string | undefined {
  const packages: Record<string, string> = { pdftotext: 'poppler-utils', pdftoppm: 'poppler-utils', img2pdf: 'img2pdf', qpdf: 'qpdf' }
  for (const tool of tools) {
    if (spawnSync(tool, ['--version'], { encoding: 'utf8' }).error) return `${tool} is missing (Debian package ${packages[tool] ?? tool}; \`make pdf-tools\` installs it)`
  }
  return undefined
}
