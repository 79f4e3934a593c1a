import type { Activity as BotActivity } from 'botbuilder';
import type { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type restify from 'restify';
import type { Config } from '../../config/config.js';
import type { BotEndpoint } from '../../http/server.js';
import type { Logger } from '../../observability/logger.js';
import { checkedAtTheDoor } from '../bot-endpoint.js';
import type { BenefitsTurns } from '../benefits-turn.js';
import { agentsAuthConfig, agentsTokenCheck, type BenefitsAgentsAdapter, type JwtPayload } from './agents-adapter.js';
import type { AuthOverrides } from '../adapter.js';

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
 * 400): a refused request is answered 401, with nothing run. The turn is `BenefitsTurns.run`, as under botbuilder.
 */
export function agentsEndpoint(adapter: BenefitsAgentsAdapter, turns: BenefitsTurns, config: Config, logger: Logger, overrides: AuthOverrides = {}): BotEndpoint {
  const checkToken = config.authDisabled ? undefined : agentsTokenCheck(agentsAuthConfig(config, overrides));
  const logic = async (context: TurnContext) => {
    const activity = context.activity as unknown as BotActivity;
    const response = await turns.run(activity, {
      send: async (activities) => void (await context.sendActivities(activities as unknown as Activity[])),
    });
    if (response && activity.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: response } as unknown as Activity);
  };
  return checkedAtTheDoor(async (req, res) => {
    let user: JwtPayload | undefined = { name: 'anonymous' };
    if (checkToken) {
      user = await checkToken(req.headers);
      const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
      if (!user || user.serviceurl !== serviceUrl) {
        logger.warn({ reason: user ? 'serviceurl claim mismatch' : 'token refused' }, 'request not authenticated');
        res.send(401);
        return;
      }
    }
    await adapter.process({ body: req.body, headers: req.headers, method: req.method, user } as never, webResponse(res) as never, logic);
  }, logger);
}
