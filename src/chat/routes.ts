import type { z } from 'zod';
import type { Command } from './commands.js';
import type { PersonTurn } from './context.js';
import type { TurnReply } from './turn.js';

/** A card verb: its payload schema, and the presenter that gets the payload once it has been checked. */
export interface VerbRoute<S extends z.ZodType = z.ZodType> {
  payload: S;
  handle(ctx: PersonTurn, data: z.output<S>): TurnReply | Promise<TurnReply>;
}

export const verb = <S extends z.ZodType>(route: VerbRoute<S>): VerbRoute => route as unknown as VerbRoute;

/** A typed command (src/chat/commands.ts names them). */
export type CommandRoute = (ctx: PersonTurn, command: Command) => TurnReply | Promise<TurnReply>;

/** What one area of the Benefits page answers: its card verbs and its typed commands. */
export interface AreaRoutes {
  verbs?: Record<string, VerbRoute>;
  commands?: Record<string, CommandRoute>;
  /**
   * Verbs and commands a person of the company with no role may use too (asking for a benefit): every
   * other one needs a role (R1.1). The use case still decides what each person may do.
   */
  openToAnyone?: readonly string[];
}

/** Every area's routes as one table; a verb or command claimed by two areas is a mistake found at start. */
export function mergeAreas(areas: readonly AreaRoutes[]): { verbs: Record<string, VerbRoute>; commands: Record<string, CommandRoute>; openToAnyone: ReadonlySet<string> } {
  const verbs: Record<string, VerbRoute> = {};
  const commands: Record<string, CommandRoute> = {};
  const openToAnyone = new Set<string>();
  for (const area of areas) {
    for (const [name, route] of Object.entries(area.verbs ?? {})) {
      if (Object.hasOwn(verbs, name)) throw new Error(`card verb "${name}" is routed by two areas`);
      verbs[name] = route;
    }
    for (const [name, route] of Object.entries(area.commands ?? {})) {
      if (Object.hasOwn(commands, name)) throw new Error(`command "${name}" is routed by two areas`);
      commands[name] = route;
    }
    for (const name of area.openToAnyone ?? []) {
      if (!Object.hasOwn(area.verbs ?? {}, name) && !Object.hasOwn(area.commands ?? {}, name)) throw new Error(`"${name}" is open to anyone but routed by no verb or command of its area`);
      openToAnyone.add(name);
    }
  }
  return { verbs, commands, openToAnyone };
}
