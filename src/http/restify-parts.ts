import { createRequire } from 'node:module';
import type restify from 'restify';
import { requireCommonJs } from '../lib/commonjs.js';

/**
 * The parts of restify this bot uses, loaded on their own. restify's entry also loads every one of its
 * ~25 plugins (multipart forms, throttles, static files, the audit logger …): ~420 modules against ~270
 * for the server, its router and the body parser, ~25 ms of every start. `createServer` is restify's own
 * (lib/index.js) without its uncaught-exception handler, which this bot turns off: the same options, its
 * own pino as the default logger, a router made from the same options.
 */
type Part<T> = new (options: object) => T;
const Server = requireCommonJs('restify/lib/server') as Part<restify.Server>;
const Router = requireCommonJs('restify/lib/router') as Part<unknown>;
const restifyPino = createRequire(requireCommonJs.resolve('restify'))('pino') as (options: { name: string }) => unknown;

export const bodyParser = requireCommonJs('restify/lib/plugins/bodyParser') as typeof restify.plugins.bodyParser;

export function createRestifyServer(options: restify.ServerOptions & { handleUncaughtExceptions: false }): restify.Server {
  const opts: Record<string, unknown> = { ...options };
  opts.name = Object.hasOwn(options, 'name') ? options.name : 'restify';
  opts.log = options.log ?? restifyPino({ name: (opts.name as string) || 'restify' });
  opts.router = options.router ?? new Router(opts);
  return new Server(opts);
}
