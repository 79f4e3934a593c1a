import { enableCompileCache } from './compile-cache.js';
import { projectPath } from './paths.js';

/**
 * Imported first by the entry point, so that the dependencies' modules loaded after it use the code
 * cache (compile-cache.ts). NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node 22's own.
 */
export const compileCache = process.env.NODE_DISABLE_COMPILE_CACHE ? { save: () => undefined } : enableCompileCache(projectPath('node_modules', '.cache', 'partner-benefits-compile'));
