// Lists the Teams calls that started in a window (default: the last 24 hours) with each stream's jitter, packet loss
// and round trip, from Microsoft Graph's call records. Usage: node call-streams.ts [from] [to] (ISO 8601, with a zone).
import { signInFromEnvironment } from '@m365-otel/auth';
import { CallRecordsClient, type MediaStream } from '@m365-otel/call-records';
import { HttpClient } from '@m365-otel/http';

const now = Date.now();
const [from = new Date(now - 86_400_000).toISOString(), to = new Date(now).toISOString()] =
  process.argv.slice(2);
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { endpoints, accessTokenFor } = signInFromEnvironment(http);
const calls = new CallRecordsClient({
  graphBaseUrl: endpoints.graph,
  http,
  getAccessToken: accessTokenFor(endpoints.graph),
  // A session or stream Microsoft sent without a field this client needs is left out, and said so here.
  onSkippedItem: (item) =>
    console.error(`skipped a malformed ${item.part} at ${item.where}: ${item.problems.join('; ')}`),
});

const ms = (seconds: number | undefined) =>
  seconds === undefined ? '-' : `${Math.round(seconds * 1000)} ms`;
const percent = (rate: number | undefined) => (rate === undefined ? '-' : `${(rate * 100).toFixed(1)} %`);
const figures = (stream: MediaStream) =>
  `jitter ${ms(stream.averageJitter)}, packet loss ${percent(stream.averagePacketLossRate)}, round trip ${ms(stream.averageRoundTripTime)}`;

try {
  for (const summary of await calls.listCallRecords({ from, to })) {
    // One record at a time: how many to read at once is the caller's choice (Graph allows 1,500 requests in 20 s).
    const record = await calls.getCallRecord(summary.id);
    console.log(`${record.startDateTime} ${record.type} ${record.modalities.join('+')} ${record.id}`);
    for (const session of record.sessions)
      for (const segment of session.segments)
        for (const media of segment.media)
          for (const stream of media.streams)
            console.log(`  ${media.label ?? 'media'} ${stream.streamDirection}: ${figures(stream)}`);
  }
} finally {
  await http.close();
}
