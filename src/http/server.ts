import type restify from 'restify';
import type { Logger } from '../observability/logger.js';
import { registerTabRoutes, type TabParts } from './tab-routes.js';
import { errorAnswer } from './error-answer.js';
import { bodyParser, createRestifyServer } from './restify-parts.js';
import type { ErrorCode } from '../domain/errors.js';

/** The bot's message endpoint, whatever SDK implements it. */
export interface BotEndpoint {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface ServerParts {
  bot: BotEndpoint;
  logger: Logger;
  health(): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Further routes (e.g. the back office's signed completion endpoint), added after these. */
  routes?: ((server: restify.Server) => void)[];
  /** The Benefits dashboard tab (its page, script and SSO-checked API). */
  tab?: TabParts;
  /** Writes a JSON body (default JSON.stringify); the host passes one that reuses shared cards' bytes. */
  toJson?: (body: unknown) => string | Buffer;
}

/** Teams activities are small; a larger body is refused before it is parsed. */
export const MAX_BODY_BYTES = 256 * 1024;

/** No Content-Encoding, or only `identity` (any case, any number of times). */
export function identityEncoded(header: string | string[] | undefined): boolean {
  if (header === undefined) return true;
  const codings = (Array.isArray(header) ? header.join(',') : header).split(',').map((c) => c.trim().toLowerCase());
  return codings.every((c) => c === 'identity' || c === '');
}

function refuse(res: restify.Response, code: ErrorCode): void {
  const { status, body } = errorAnswer({ code });
  res.send(status, body);
}

export function createServer({ bot, logger, health, routes = [], tab, toJson = JSON.stringify }: ServerParts): restify.Server {
  const server = createRestifyServer({
    name: 'partner-benefits-bot',
    handleUncaughtExceptions: false,
    formatters: {
      // restify's own JSON formatter, with the serialiser swapped.
      'application/json': (_req: restify.Request, res: restify.Response, body: unknown) => {
        const data = body === undefined ? 'null' : toJson(body);
        res.setHeader('Content-Length', typeof data === 'string' ? Buffer.byteLength(data) : data.length);
        return data;
      },
    },
  });
  // Before routing and before any body is read, on every path: restify's bodyParser inflates a gzip
  // body, and its size limit counts the bytes on the wire (249 KB of gzip were 250 MiB in memory, before
  // any token was checked). No caller of this bot compresses its requests.
  server.pre((req, res, next) => {
    if (!identityEncoded(req.headers['content-encoding'])) {
      logger.warn({ path: req.path(), contentEncoding: String(req.headers['content-encoding']).slice(0, 64) }, 'compressed body refused');
      res.setHeader('Accept-Encoding', 'identity');
      res.setHeader('Connection', 'close');
      refuse(res, 'contentEncodingRefused');
      return next(false);
    }
    // restify reads an explicit `identity` as an encoding it does not know.
    delete req.headers['content-encoding'];
    return next();
  });
  server.use(bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    // Activities are JSON; a form-encoded body would otherwise be parsed into one.
    if (!req.is('application/json')) {
      refuse(res, 'activityNotJson');
      return;
    }
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      refuse(res, 'activityNotObject');
      return;
    }
    try {
      await bot.process(req, res);
    } catch (error) {
      logger.error({ err: error }, 'message endpoint failed');
      if (!res.headersSent) refuse(res, 'activityFailed');
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', ...(await health()) });
  });

  for (const addRoutes of routes) addRoutes(server);
  if (tab) registerTabRoutes(server, tab);

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn({ status: (error as { statusCode?: number }).statusCode, path: req.path(), code: (error as { code?: string }).code }, 'request refused');
    return callback();
  });
  return server;
}
