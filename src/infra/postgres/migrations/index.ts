import type { Migration } from '../migrate.js';
import { STORES } from './001-stores.js';
import { WORK } from './002-work.js';
import { AUDIT_SUBJECTS } from './003-audit-subjects.js';
import { CONVERSATION_ZONES } from './004-conversation-zones.js';
import { PEOPLE_SEEN } from './005-people-seen.js';

/** Every migration, in order: a new one is a new file and one more entry here, never an edit of a shipped one. */
export const MIGRATIONS: readonly Migration[] = [STORES, WORK, AUDIT_SUBJECTS, CONVERSATION_ZONES, PEOPLE_SEEN];
