/**
 * `text.matchAll(pattern)` without its cost: matchAll clones the regex on
 * every call (species constructor), which dominated the hot loops that run it
 * once per cell, token or clause. Same matches, same start (the regex's
 * `lastIndex`), and the regex is left as it was.
 */
export function matchAllOf(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('matchAllOf needs a global regex, as String.prototype.matchAll does')
  const start = pattern.lastIndex
  const matches: RegExpExecArray[] = []
  try {
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      matches.push(match)
      // An empty match does not move lastIndex: step over one character (a code point in unicode mode), as matchAll does.
      if (match[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'))
    }
  } finally {
    pattern.lastIndex = start
  }
  return matches
}

/** AdvanceStringIndex of the ECMAScript spec. */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const code = text.charCodeAt(index)
  const next = text.charCodeAt(index + 1)
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1
}
