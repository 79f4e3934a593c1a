import buildOnce from './build-once.js';
import startPostgresForTests from '../support/postgres-global-setup.js';

/** The security suite needs the built bot, and (like the rest) the run's PostgreSQL server. */
export default async function securitySetup() {
  buildOnce();
  await startPostgresForTests();
}
