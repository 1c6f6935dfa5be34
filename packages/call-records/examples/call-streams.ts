// Lists the Teams calls that started in a window (default: the last 24 hours) with each stream's jitter, packet loss
// and round trip, from Microsoft Graph's call records. Usage: node call-streams.ts [from] [to] (ISO 8601, with a zone).
import { CLOUD_PRESETS, scopeForResource, TokenProvider } from '@m365-otel/auth';
import { CallRecordsClient, type MediaStream } from '@m365-otel/call-records';
import { HttpClient } from '@m365-otel/http';

const graph = process.env.M365_GRAPH_URL ?? CLOUD_PRESETS.global.graph;
const now = Date.now();
const [from = new Date(now - 86_400_000).toISOString(), to = new Date(now).toISOString()] =
  process.argv.slice(2);
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const tokens = new TokenProvider({
  tenantId: process.env.M365_TENANT_ID ?? '',
  clientId: process.env.M365_CLIENT_ID ?? '',
  credential: { kind: 'secret', secret: process.env.M365_CLIENT_SECRET ?? '' },
  authority: process.env.M365_AUTHORITY ?? CLOUD_PRESETS.global.authority,
  http,
});
const calls = new CallRecordsClient({
  graphBaseUrl: graph,
  http,
  getAccessToken: async (options) => (await tokens.getToken(scopeForResource(graph), options)).token,
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
