/** Stops the run's PostgreSQL server (one started by postgres-global-setup.js) and removes its folder. */
export default async function stopPostgresForTests() {
  const server = globalThis.__benefitsPostgres;
  globalThis.__benefitsPostgres = undefined;
  await server?.destroy();
}
