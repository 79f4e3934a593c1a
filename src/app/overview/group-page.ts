import { utcDate } from '../../domain/dates.js';
import { fail, ok, type Result } from '../../domain/errors.js';
import type { BenefitGroup, Inventory, Person } from '../../domain/inventory.js';
import { allow, type Actor } from '../use-case.js';
import type { ReadDeps } from './overview.js';

/**
 * One page of a group's list, as the state it is read from: its rows are built from `inventory` only
 * when no card of that state, page, role and day is cached (a list of 1,000 subscriptions shows 10).
 */
export interface GroupPage {
  group: BenefitGroup;
  /** Counts from 0; a page past the last shows the last. */
  page: number;
  /** The frozen state the page is read from, and the key of any cache of what is built from it. */
  inventory: Inventory;
  /** Whose page: a row offers the buttons this person's roles allow (R1). */
  person: Person;
  now: Date;
  /** The UTC day the page holds for (an offer expires by the day, R7.5). */
  today: string;
}

/**
 * R1.1: any role may open a group's list (R3.1, R4.1, R5.1, R6.1); the Go-To-Market page is for a
 * Global admin or MPN partner admin (R1.5, R7.1).
 */
export function groupPage(deps: ReadDeps, actor: Actor, input: { group: BenefitGroup; page?: number }): Result<GroupPage> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, input.group === 'goToMarket' ? 'manageGoToMarket' : 'viewBenefits', inventory);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  return ok({ group: input.group, page: input.page ?? 0, inventory, person: actor.person, now, today: utcDate(now) });
}
