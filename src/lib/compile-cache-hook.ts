import { enableCompileCache, noCompileCache } from './compile-cache.js';
import { projectPath } from './paths.js';

/**
 * Imported first by the entry point, so that the dependencies' modules loaded after it use the code
 * cache (compile-cache.ts). NODE_DISABLE_COMPILE_CACHE=1 turns it off and NODE_COMPILE_CACHE names its folder, as
 * they do Node 22's own.
 */
export const compileCache = process.env.NODE_DISABLE_COMPILE_CACHE
  ? noCompileCache
  : enableCompileCache(process.env.NODE_COMPILE_CACHE || projectPath('node_modules', '.cache', 'partner-benefits-compile'));
