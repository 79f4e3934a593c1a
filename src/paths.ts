/** Kept for the modules that still import it from here; the code lives in src/lib, which imports nothing of the project. */
export { PROJECT_ROOT, projectPath } from './lib/paths.js';
