// Import boundaries, checked by `npm run lint` through scripts/check-imports.mjs, which adds the rules that need
// the whole graph or a file's text: client bundles and `server-only` (docs/architecture.md, "Boundaries and style").
module.exports = {
  forbidden: [
    {
      name: 'lib-and-db-below-the-ui',
      comment: 'lib/ and db/ are the domain and storage layers: they never import routes (app/) or UI (components/).',
      severity: 'error',
      from: { path: '^(lib|db)/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'components-below-routes',
      comment: "components/ is shared UI; a form that needs a route's server action lives beside that route under app/.",
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and the modules impossible to understand one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data|bench/results)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
