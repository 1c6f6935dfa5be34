// Lists a tenant's Exchange mailbox counts for the last 7 days: auth + http + graph-reports, no collector.
import { signInFromEnvironment } from '@m365-otel/auth';
import { ReportsClient } from '@m365-otel/graph-reports';
import { HttpClient } from '@m365-otel/http';

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { endpoints, accessTokenFor } = signInFromEnvironment(http);
const reports = new ReportsClient({
  graphBaseUrl: endpoints.graph,
  http,
  getAccessToken: accessTokenFor(endpoints.graph),
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
