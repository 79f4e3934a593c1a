import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import type { BotEndpoint } from '../http/server.js';
import { errorAnswer } from '../http/error-answer.js';
import type { Logger } from '../observability/logger.js';
import { activityShapeProblems } from './activity-shape.js';
import type { BenefitsActivityHandler } from './benefits-activity-handler.js';

type HttpProcess = (req: Request, res: Response, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export function botEndpoint(adapter: CloudAdapter, handler: BenefitsActivityHandler, logger?: Logger): BotEndpoint {
  const process = adapter.process.bind(adapter) as HttpProcess;
  return {
    process: async (req, res) => {
      // A malformed activity is refused at the door (400), before any turn runs.
      const problems = activityShapeProblems(req.body);
      if (problems) {
        logger?.warn({ problems }, 'malformed activity refused');
        const { status, body } = errorAnswer({ code: 'activityMalformed' });
        res.send(status, body);
        return;
      }
      await process(req as unknown as Request, res as unknown as Response, (context) => handler.run(context));
    },
  };
}
