/**
 * Layering of the source folders, checked by `make test` (npm run layers).
 * Each folder may import only the ones below it:
 *   core → normalizers → extractors → pipeline → outputs → runtime
 * and no module may take part in a cycle (type-only imports included).
 */
const LAYERS = ['core', 'normalizers', 'extractors', 'pipeline', 'outputs', 'runtime']

/** A rule forbidding `layer` to import any folder above it. */
function downwardOnly(layer, index) {
  const above = LAYERS.slice(index + 1)
  return {
    name: `${layer}-imports-downward`,
    comment: `${layer}/ may import only ${LAYERS.slice(0, index + 1).join(', ')}; move shared code down, not the import up`,
    severity: 'error',
    from: { path: `^${layer}/` },
    to: { path: `^(${above.join('|')})/` },
  }
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules must not depend on each other in a cycle (type-only imports included): move the shared part into a module both import',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...LAYERS.slice(0, -1).map(downwardOnly),
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mts', '.mjs', '.js', '.json'], conditionNames: ['import', 'require', 'node', 'default', 'types'], exportsFields: ['exports'], mainFields: ['module', 'main', 'types', 'typings'] },
  },
}
