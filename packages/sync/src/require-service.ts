/**
 * Whether a service that tests need (PostgreSQL, Redis) is there. Under CI (`CI=true`) a
 * missing service throws, so the run fails instead of passing with nothing tested; locally
 * the tests are skipped with a message saying how to start it.
 */
export function requireService(name: string, available: boolean, howToStart: string): boolean {
  if (available) return true;
  const message = `${name} is not reachable; start it with: ${howToStart}`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI needs ${message}`);
  console.warn(`Skipping tests that need ${message}`);
  return false;
}
