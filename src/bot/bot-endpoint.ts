import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import type { BotEndpoint } from '../http/server.js';
import type { BenefitsActivityHandler } from './benefits-activity-handler.js';

type HttpProcess = (req: Request, res: Response, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export function botEndpoint(adapter: CloudAdapter, handler: BenefitsActivityHandler): BotEndpoint {
  const process = adapter.process.bind(adapter) as HttpProcess;
  return {
    process: (req, res) => process(req as unknown as Request, res as unknown as Response, (context) => handler.run(context)),
  };
}
