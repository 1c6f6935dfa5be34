import { afterAll, beforeAll, expect, it } from 'vitest';
import { Session } from '../test/session.js';
import { type RunningSimulator, startSimulator } from './index.js';

const USERS = 1_000_000;
const MIB = 1024 * 1024;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, users: USERS });
});
afterAll(() => sim.close());

it('streams a 1M-row getMailboxUsageDetail, one row per mailbox', async () => {
  const session = await Session.open(sim);
  const location = String((await session.call("getMailboxUsageDetail(period='D7')")).headers.location);
  let bytes = 0;
  let lines = 0;
  const result = await session.client.consume(location, (chunk) => {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines += 1;
  });
  expect(result.status).toBe(200);
  // Header + one row per mailbox: every user exists by the refresh date.
  expect(lines).toBe(USERS + 1);
  expect(bytes).toBeGreaterThan(170 * MIB);
}, 120_000);

it('generates a report only as fast as the client reads it', async () => {
  const session = await Session.open(sim);
  const location = String((await session.call("getMailboxUsageDetail(period='D7')")).headers.location);
  const before = sim.stats().reportRowsGenerated;
  const paused = await session.client.pauseAfterFirstChunk(location);
  // Wait until the server stops: its generator waits for the socket to drain.
  let generated = -1;
  while (generated !== sim.stats().reportRowsGenerated - before) {
    generated = sim.stats().reportRowsGenerated - before;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // A million rows are about 180 MB; what is generated ahead is what the socket buffers hold. Memory is measured
  // by the benchmarks, not here.
  expect(generated).toBeGreaterThan(0);
  expect(generated).toBeLessThan(USERS / 4);
  paused.destroy();
}, 60_000);

it('aggregates 1M users x 7 days for the counts reports in one pass, then serves them from cache', async () => {
  const session = await Session.open(sim);
  const first = await session.csv("getEmailActivityCounts(period='D7')");
  expect(first.rows).toHaveLength(7);
  const truth = sim.truth.dailyCounts('getEmailActivityCounts', 'D7');
  expect(first.rows.map((row) => Number(row[2]))).toEqual(truth.map((row) => row.values.Receive));
  // Every D7 counts report reads the same cached days.
  const mailboxes = await session.csv("getMailboxUsageMailboxCounts(period='D7')");
  expect(Number(mailboxes.rows[0]?.[1])).toBeGreaterThan(900_000);
}, 60_000);
