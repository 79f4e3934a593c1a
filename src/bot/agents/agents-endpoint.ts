import type { Activity as BotActivity } from 'botbuilder';
import type { Activity } from '@microsoft/agents-activity';
import { INVOKE_RESPONSE_KEY, type TurnContext } from '@microsoft/agents-hosting';
import type restify from 'restify';
import type { Config } from '../../config/config.js';
import type { BotEndpoint } from '../../http/server.js';
import type { Logger } from '../../observability/logger.js';
import { checkedAtTheDoor } from '../bot-endpoint.js';
import { BOT_CONNECTOR_ISSUER, sameServiceUrl } from '../connector-claims.js';
import { errorAnswer } from '../../http/error-answer.js';
import { addressed, answeredInline, runInline } from '../inline-turn.js';
import type { BenefitsTurns } from '../benefits-turn.js';
import { agentsTokenCheck, type BenefitsAgentsAdapter, type JwtPayload } from './agents-adapter.js';
import { VerifiedTokens, expiryOf } from '../verified-tokens.js';

/** The SDK writes its answer through an Express-shaped response; restify's `status()` returns a number. */
function webResponse(res: restify.Response) {
  let status = 200;
  const web = {
    status(code: number) {
      status = code;
      return web;
    },
    setHeader(name: string, value: string) {
      res.setHeader(name, value);
      return web;
    },
    send(body?: unknown) {
      res.send(status, body);
      return web;
    },
    end() {
      if (!res.headersSent) res.send(status);
      return web;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return web;
}

/**
 * The Agents SDK's endpoint (`BOT_SDK=agents`). Inbound authentication is the SDK's token check (signature
 * against the authority's keys, audience, issuer, expiry), and then, as botbuilder does, the token's
 * `serviceurl` claim must be the activity's serviceUrl (the SDK compares hosts only, and answers a mismatch
 * 400): a refused request is answered 401, with nothing run. The turn is `BenefitsTurns.run`, as under botbuilder;
 * one answered in its HTTP response runs without the SDK's `process` (`runInline`).
 */
export function agentsEndpoint(adapter: BenefitsAgentsAdapter, turns: BenefitsTurns, config: Config, logger: Logger, channelIssuer = BOT_CONNECTOR_ISSUER): BotEndpoint {
  const tokenCheck = config.authDisabled ? undefined : agentsTokenCheck(adapter);
  // A check that passed is kept for the same header until the token's expiry (`VerifiedTokens`; a refusal has
  // none, so it is never kept); what this endpoint checks of the activity besides (the issuer, the serviceurl
  // claim) is checked on every request.
  const verified = new VerifiedTokens<{ user: JwtPayload } | { refused: string }>((checked) => ('user' in checked ? expiryOf(checked.user.exp) : 0));
  const checkToken = tokenCheck
    ? (headers: Record<string, string | string[] | undefined>) => {
        const header = headers.authorization;
        return typeof header === 'string' ? verified.verify(header, () => tokenCheck(headers)) : tokenCheck(headers);
      }
    : undefined;
  const logic = async (context: TurnContext) => {
    const activity = context.activity as unknown as BotActivity;
    const response = await turns.run(activity, {
      send: async (activities) => {
        // Replies that travel in the HTTP answer are buffered as the SDK buffers them, addressed as it addresses
        // them, but not parsed again by its schema: that deep copy of every card (~5–7 KB) was most of an
        // overview turn's CPU on this SDK, and it lost the cached card's bytes (`toJsonBody`).
        if (activity.deliveryMode === 'expectReplies') context.bufferedReplyActivities.push(...(activities.map((a) => addressed(a, activity)) as unknown as Activity[]));
        else {
          await adapter.connectorFor(context);
          await context.sendActivities(activities as unknown as Activity[]);
        }
      },
    });
    if (response && activity.type === 'invoke') context.turnState.set(INVOKE_RESPONSE_KEY, { type: 'invokeResponse', value: response });
  };
  return checkedAtTheDoor(async (req, res) => {
    let user: JwtPayload | undefined = { name: 'anonymous' };
    if (checkToken) {
      const checked = await checkToken(req.headers);
      const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
      // As under botbuilder (adapter.ts): another issuer's token, one good forever, or one vouching for another serviceUrl, is refused.
      const refused =
        'refused' in checked
          ? checked.refused
          : checked.user.iss !== channelIssuer
            ? 'the token is not the Bot Connector\'s' // the SDK also trusts Microsoft's first-party (Emulator) issuers
            : typeof checked.user.exp !== 'number'
            ? 'the token has no expiry'
            : typeof checked.user.serviceurl !== 'string' || !sameServiceUrl(checked.user.serviceurl, typeof serviceUrl === 'string' ? serviceUrl : undefined)
              ? 'the serviceurl claim is not the activity\'s serviceUrl'
              : undefined;
      if (refused !== undefined || !('user' in checked)) {
        logger.warn({ reason: refused?.slice(0, 200) }, 'request not authenticated');
        res.send(401);
        return;
      }
      user = checked.user;
    }
    if (answeredInline(req.body as BotActivity)) {
      const activity = req.body as BotActivity;
      const identity = user;
      await runInline(turns, activity, res, (replies) => adapter.sendInTurn(identity, activity, replies), logger);
      return;
    }
    // The SDK parses the activity with its own schema, stricter than the door's in places (a timestamp that
    // is not a date): what it refuses before the turn starts is the caller's malformed activity (400).
    let started = false;
    try {
      await adapter.process({ body: req.body, headers: req.headers, method: req.method, user } as never, webResponse(res) as never, (context) => {
        started = true;
        return logic(context);
      });
    } catch (error) {
      if (started || res.headersSent) throw error;
      logger.warn({ problems: [String((error as Error).message).slice(0, 300)] }, 'malformed activity refused');
      const { status, body } = errorAnswer({ code: 'activityMalformed' });
      res.send(status, body);
    }
  }, logger);
}
