// Lists a tenant's Exchange mailbox counts for the last 7 days: auth + http + graph-reports, no collector.
import { CLOUD_PRESETS, scopeForResource, TokenProvider } from '@m365-otel/auth';
import { ReportsClient } from '@m365-otel/graph-reports';
import { HttpClient } from '@m365-otel/http';

const graph = process.env.M365_GRAPH_URL ?? CLOUD_PRESETS.global.graph;
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const tokens = new TokenProvider({
  tenantId: process.env.M365_TENANT_ID ?? '',
  clientId: process.env.M365_CLIENT_ID ?? '',
  credential: { kind: 'secret', secret: process.env.M365_CLIENT_SECRET ?? '' },
  authority: process.env.M365_AUTHORITY ?? CLOUD_PRESETS.global.authority,
  http,
});
const reports = new ReportsClient({
  graphBaseUrl: graph,
  http,
  getAccessToken: async (options) => (await tokens.getToken(scopeForResource(graph), options)).token,
});
try {
  // The CSV streams through the visitor: start() makes the state, row() sees each row once.
  const { state: days } = await reports.read(
    { report: 'getMailboxUsageMailboxCounts', period: 'D7' },
    {
      start: () => [] as string[],
      row: (days, row) =>
        days.push(`${row.get('Report Date')}  total ${row.get('Total')}  active ${row.get('Active')}`),
    },
    { requiredColumns: ['Report Date', 'Total', 'Active'] },
  );
  for (const day of days) console.log(day);
} finally {
  await http.close();
}
