import { z } from 'zod';
import { verb, type AreaRoutes } from '../routes.js';
import { openGroupPayload, showGroup, showOverview } from '../handlers/benefits.js';

/** The Benefits overview and each group's list. */
export const overviewRoutes: AreaRoutes = {
  verbs: {
    overview: verb({ payload: z.object({}).loose(), handle: (ctx) => showOverview(ctx) }),
    openGroup: verb({ payload: openGroupPayload, handle: (ctx, data) => showGroup(ctx, data.group, data.page) }),
  },
  commands: {
    benefits: (ctx) => showOverview(ctx),
    group: (ctx, command) => showGroup(ctx, command.group ?? 'software'),
  },
};
