import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
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

/** botbuilder's endpoint (the default, `BOT_SDK=botbuilder`). */
export function botEndpoint(adapter: CloudAdapter, handler: BenefitsActivityHandler, logger?: Logger): BotEndpoint {
  const process = adapter.process.bind(adapter) as HttpProcess;
  return checkedAtTheDoor((req, res) => process(req as unknown as Request, res as unknown as Response, (context) => handler.run(context)), logger);
}
