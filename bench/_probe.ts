import { scopeForResource, TokenProvider } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';
import { spawnSimulator } from './support.ts';

const { child, sim } = await spawnSimulator([
  '--seed',
  '1',
  '--users',
  '20000',
  '--data-dir',
  '/tmp/probe-sim',
]);
const http = new HttpClient({ caFile: sim.caFile });
const token = (
  await new TokenProvider({
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    credential: { kind: 'secret', secret: sim.clientSecret },
    authority: sim.authorityUrl,
    http,
  }).getToken(scopeForResource(sim.graphUrl))
).token;
for (const r of [
  'getTeamsUserActivityUserDetail',
  'getM365AppUserDetail',
  'getSkypeForBusinessActivityUserDetail',
  'getMailboxUsageDetail',
]) {
  const g = await http.request(`${sim.graphUrl}/v1.0/reports/${r}(period='D7')`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await g.body.dump();
  if (g.status !== 302) {
    console.log(r, g.status);
    continue;
  }
  const d = await http.request(g.headers.location as string);
  const t = await d.body.text();
  const lines = t.split('\n');
  console.log(r, lines.length, (t.length / lines.length).toFixed(0), 'bytes/row');
  console.log(lines.slice(0, 3).join('\n'));
}
await http.close();
child.kill();
