import { createRequire } from 'node:module';

/**
 * A CommonJS package, loaded with `require` (typed with `import type * as X from '<package>'`). Imported
 * as an ES module instead, Node first reads and parses the package's entry and every file it re-exports,
 * to learn the names it exports (botbuilder re-exports hundreds): ~150–200 ms of a restart's CPU and
 * ~10 MB for botbuilder, botframework-connector, restify and adaptivecards-templating. The architecture
 * rules read `requireCommonJs('<package>')` as an import of that package.
 */
export const requireCommonJs = createRequire(import.meta.url);
