import type { Activity, Request, Response, TurnContext } from 'botbuilder';
import type { BenefitsCloudAdapter } from './adapter.js';
import { answeredInline, runInline } from './inline-turn.js';
import type { BotEndpoint } from '../http/server.js';
import { errorAnswer } from '../http/error-answer.js';
import type { Logger } from '../observability/logger.js';
import { activityShapeProblems } from './activity-shape.js';
import type { BenefitsActivityHandler } from './benefits-activity-handler.js';

type HttpProcess = (req: Request, res: Response, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** Whatever SDK serves the activity: a malformed one is refused at the door (400), before any turn runs. */
export function checkedAtTheDoor(process: BotEndpoint['process'], logger?: Logger): BotEndpoint {
  return {
    process: async (req, res) => {
      const problems = activityShapeProblems(req.body);
      if (problems) {
        logger?.warn({ problems }, 'malformed activity refused');
        const { status, body } = errorAnswer({ code: 'activityMalformed' });
        res.send(status, body);
        return;
      }
      await process(req, res);
    },
  };
}

/**
 * botbuilder's endpoint (the default, `BOT_SDK=botbuilder`). A turn answered in its HTTP response is
 * authenticated by the adapter's own authentication and runs without `process` (`runInline`): `process`
 * parses each request and response with zod schemas it builds anew, and makes a TurnContext, a connector
 * client and a user-token client for a turn that uses none of them. A refused token is answered 401, as
 * `process` answers it.
 */
export function botEndpoint(adapter: BenefitsCloudAdapter, handler: BenefitsActivityHandler, logger: Logger): BotEndpoint {
  const process = adapter.process.bind(adapter) as HttpProcess;
  return checkedAtTheDoor(async (req, res) => {
    if (!answeredInline(req.body as Activity)) return process(req as unknown as Request, res as unknown as Response, (context) => handler.run(context));
    const activity = req.body as Activity;
    const header = req.headers.authorization;
    let authenticated: Awaited<ReturnType<BenefitsCloudAdapter['authenticate']>>;
    try {
      authenticated = await adapter.authenticate(activity, typeof header === 'string' ? header : '');
    } catch (error) {
      logger.warn({ reason: String((error as Error).message).slice(0, 200) }, 'request not authenticated');
      res.send(401);
      return;
    }
    await runInline(handler.turns, activity, res, (replies) => adapter.sendInTurn(authenticated, activity, replies), logger);
  }, logger);
}
