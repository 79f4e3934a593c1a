import { verb, type AreaRoutes } from '../routes.js';
import { activateOffer, contactFormPayload, offerPayload, setContactPayload, setMarketingContact, showMarketingContactForm } from '../handlers/go-to-market.js';

/** Go-To-Market: the marketing contact (R7.3) and the offers (R7.4, R7.5). */
export const goToMarketRoutes: AreaRoutes = {
  verbs: {
    marketingContactForm: verb({ payload: contactFormPayload, handle: showMarketingContactForm }),
    setMarketingContact: verb({ payload: setContactPayload, handle: setMarketingContact }),
    activateOffer: verb({ payload: offerPayload, handle: activateOffer }),
  },
  commands: {
    marketingContact: (ctx) => showMarketingContactForm(ctx),
  },
};
