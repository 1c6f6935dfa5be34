// Turns the rows of a usage report into the catalog's metric observations, read with its typed constants.
import { signInFromEnvironment } from '@m365-otel/auth';
import { ReportsClient } from '@m365-otel/graph-reports';
import { HttpClient } from '@m365-otel/http';
import {
  ATTR_M365_MAILBOX_QUOTA_STATUS,
  METRIC_M365_MAILBOX_QUOTA_MAILBOXES,
  type ReportAccumulator,
  reportsFor,
} from '@m365-otel/mappers';

// The report that feeds m365.mailbox.quota.mailboxes (getMailboxUsageQuotaStatusMailboxCounts).
const [mapping] = reportsFor(new Set([METRIC_M365_MAILBOX_QUOTA_MAILBOXES]));
if (mapping === undefined) throw new Error(`no report feeds ${METRIC_M365_MAILBOX_QUOTA_MAILBOXES}`);

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { endpoints, accessTokenFor } = signInFromEnvironment(http);
const reports = new ReportsClient({
  graphBaseUrl: endpoints.graph,
  http,
  getAccessToken: accessTokenFor(endpoints.graph),
});
try {
  // Each row goes into the mapping's accumulator as the CSV streams; finish() gives the newest day's points.
  const { state } = await reports.read(
    { report: mapping.report, period: 'D7' },
    { start: () => mapping.createAccumulator(), row: (rows: ReportAccumulator, row) => rows.add(row) },
    { requiredColumns: mapping.requiredColumns },
  );
  const snapshot = state.finish();
  console.log(`${snapshot.report} on ${snapshot.reportDate}: ${snapshot.rejectedRows} rows rejected`);
  for (const point of snapshot.observations) {
    const status = point.attributes[ATTR_M365_MAILBOX_QUOTA_STATUS];
    console.log(`${point.metric}{${ATTR_M365_MAILBOX_QUOTA_STATUS}="${status}"} ${point.value}`);
  }
} finally {
  await http.close();
}
