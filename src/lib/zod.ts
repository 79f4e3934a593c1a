import type * as Zod from 'zod';
import { requireCommonJs } from './commonjs.js';

/**
 * zod, loaded with `require`: imported as an ES module, its ~95 files are compiled anew at every start
 * (Node 20 keeps no code cache for ES modules, ~45 ms of a restart); through `require` they take the
 * dependencies' code cache (compile-cache.ts), ~20 ms less. zod ships both builds with the same API.
 * The namespace below keeps `z.output<…>` and `z.ZodType<…>` usable as types beside the value.
 */
export const z: typeof Zod.z = (requireCommonJs('zod') as typeof Zod).z;

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace z {
  export type output<T> = Zod.z.output<T>;
  export type input<T> = Zod.z.input<T>;
  export type infer<T> = Zod.z.infer<T>;
  export type ZodType<O = unknown, I = unknown> = Zod.z.ZodType<O, I>;
}
