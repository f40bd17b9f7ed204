/**
 * Demo data beyond the accounts (a demo class, a demo quiz …). Features add their part here; it
 * must be idempotent because `npm start` runs the seed on every start.
 */
export async function seedDemoExtras(log: (line: string) => void): Promise<void> {
  void log;
}
