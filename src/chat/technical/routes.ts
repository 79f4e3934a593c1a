import { verb, type AreaRoutes } from '../routes.js';
import { activateTechnicalBenefit, benefitPayload, listSupportPayload, listSupportRequests, startSupportRequest, submitSupportPayload, submitSupportRequest } from '../handlers/technical.js';

/** Technical benefits: activation (R6.2) and support requests (R6.3–R6.5). */
export const technicalRoutes: AreaRoutes = {
  verbs: {
    activateTechnicalBenefit: verb({ payload: benefitPayload, handle: activateTechnicalBenefit }),
    startSupportRequest: verb({ payload: benefitPayload, handle: startSupportRequest }),
    submitSupportRequest: verb({ payload: submitSupportPayload, handle: submitSupportRequest }),
    listSupportRequests: verb({ payload: listSupportPayload, handle: listSupportRequests }),
  },
  commands: {
    supportRequests: (ctx) => listSupportRequests(ctx),
  },
};
