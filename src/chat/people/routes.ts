import { z } from 'zod';
import { verb, type AreaRoutes } from '../routes.js';
import { addPerson, addPersonPayload, grantPersonRole, personPayload, removePersonRole, rolePayload, searchPeoplePayload, showAddPersonForm, showPeople, showPerson } from '../handlers/people.js';

/** People and their roles (R1.7, R5.3). */
export const peopleRoutes: AreaRoutes = {
  verbs: {
    searchPeople: verb({ payload: searchPeoplePayload, handle: (ctx, data) => showPeople(ctx, data.query) }),
    showPerson: verb({ payload: personPayload, handle: (ctx, data) => showPerson(ctx, data.personId) }),
    addPersonForm: verb({ payload: z.object({}).loose(), handle: (ctx) => showAddPersonForm(ctx) }),
    addPerson: verb({ payload: addPersonPayload, handle: addPerson }),
    grantRole: verb({ payload: rolePayload, handle: grantPersonRole }),
    removeRole: verb({ payload: rolePayload, handle: removePersonRole }),
  },
  commands: {
    people: (ctx, command) => showPeople(ctx, command.argument),
    addPerson: (ctx) => showAddPersonForm(ctx),
  },
};
