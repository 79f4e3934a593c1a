import { mergeAreas } from './routes.js';
import { overviewRoutes } from './overview/routes.js';
import { softwareCloudRoutes } from './software-cloud/routes.js';
import { visualStudioRoutes } from './visual-studio/routes.js';
import { peopleRoutes } from './people/routes.js';
import { technicalRoutes } from './technical/routes.js';
import { goToMarketRoutes } from './go-to-market/routes.js';
import { cancellationRoutes } from './cancellation/routes.js';
import { auditRoutes } from './audit/routes.js';
import { requestRoutes } from './requests/routes.js';

/** Every area of the Benefits page, each registering its own verbs and commands. */
export const { verbs: VERBS, commands: COMMANDS, openToAnyone: OPEN_TO_ANYONE } = mergeAreas([
  overviewRoutes,
  softwareCloudRoutes,
  visualStudioRoutes,
  peopleRoutes,
  technicalRoutes,
  goToMarketRoutes,
  cancellationRoutes,
  auditRoutes,
  requestRoutes,
]);
