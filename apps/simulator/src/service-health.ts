// The service-health side of the simulated tenant: a scripted incident timeline (steps 0..6) whose every state is a
// pure function of (base instant, step), so tests can step back and forth and always see the same objects.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Step n happens at base + n * STEP_MS. */
const STEP_MS = 10 * MINUTE_MS;
// Graph's DateTimeOffset values carry varying fractions (`…:24.767Z`, `…:38.97Z`); fixed offsets reproduce that.
const POST_OFFSET_MS = 38_970;
const MODIFIED_OFFSET_MS = 44_767;

export const SERVICE_HEALTH_LAST_STEP = 6;
/** How far step 0 lies before the start of the simulator's hour: the last step (+1 h) ends well before it. */
const TIMELINE_LEAD_MS = 3 * HOUR_MS;

export type EnumCase = 'camel' | 'pascal';

export interface ServiceHealthOverview {
  id: string;
  service: string;
  status: string;
}

export interface KeyValuePair {
  name: string;
  value: string;
}

export interface ItemBody {
  contentType: string;
  content: string;
}

export interface ServiceHealthIssuePost {
  createdDateTime: string;
  postType: string;
  description: ItemBody;
}

/** A serviceHealthIssue with Graph's documented key order. */
export interface ServiceHealthIssue {
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  title: string;
  id: string;
  impactDescription: string;
  classification: string;
  origin: string;
  status: string;
  service: string;
  feature: string | null;
  featureGroup: string | null;
  isResolved: boolean;
  details: KeyValuePair[];
  posts: ServiceHealthIssuePost[];
}

/** A serviceUpdateMessage with the key order of Graph's doc example. */
export interface ServiceUpdateMessage {
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  title: string;
  id: string;
  category: string;
  severity: string;
  tags: string[];
  isMajorChange: boolean;
  actionRequiredByDateTime: string | null;
  services: string[];
  expiryDateTime: string | null;
  hasAttachments: boolean;
  details: KeyValuePair[];
  body: ItemBody;
  /** Always null: the viewpoint is per user, and application permissions have no user. */
  viewPoint: null;
}

export interface ServiceHealthState {
  overviews: ServiceHealthOverview[];
  issues: ServiceHealthIssue[];
  messages: ServiceUpdateMessage[];
}

export interface ServiceHealthTruth extends ServiceHealthState {
  step: number;
}

export interface ServiceHealthController {
  /** The current step, 0..lastStep. */
  readonly step: number;
  readonly lastStep: number;
  /** Moves to the next step and returns it; throws at the last step. */
  advance(): number;
  /** Jumps to any step 0..lastStep, backwards included. */
  setStep(step: number): void;
}

/** The services of the tenant, in the order healthOverviews lists them: [id, display name]. */
const SERVICES = [
  ['Exchange', 'Exchange Online'],
  ['microsoftteams', 'Microsoft Teams'],
  ['SharePoint', 'SharePoint Online'],
  ['OneDriveForBusiness', 'OneDrive for Business'],
  ['OSDPPlatform', 'Microsoft 365 suite'],
  ['OrgLiveID', 'Identity Service'],
  ['PowerBIcom', 'Power BI'],
  ['Intune', 'Microsoft Intune'],
] as const;

/** DateTimeOffset as Graph writes it: `Z`, no fraction when whole seconds, trailing zeros of the fraction dropped. */
export function graphDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso.replace(/0{1,2}Z$/, 'Z');
}

function postContent(title: string, impact: string, status: string, next: string | undefined): string {
  const lines = [`Title: ${title}`, `User Impact: ${impact}`, `Current status: ${status}`];
  if (next !== undefined) lines.push(`Next update by: ${next}`);
  return lines.join('\n\n');
}

/** Builds the timeline's state step by step, so step n is exactly steps 0..n applied in order. */
class TimelineBuilder {
  readonly #base: number;
  readonly state: ServiceHealthState = { overviews: [], issues: [], messages: [] };

  constructor(baseMs: number) {
    this.#base = baseMs;
  }

  at(step: number): number {
    return this.#base + step * STEP_MS;
  }

  overview(id: string): ServiceHealthOverview {
    const found = this.state.overviews.find((overview) => overview.id === id);
    if (found === undefined) throw new Error(`internal: no service ${id}`);
    return found;
  }

  issue(id: string): ServiceHealthIssue {
    const found = this.state.issues.find((issue) => issue.id === id);
    if (found === undefined) throw new Error(`internal: no issue ${id}`);
    return found;
  }

  message(id: string): ServiceUpdateMessage {
    const found = this.state.messages.find((message) => message.id === id);
    if (found === undefined) throw new Error(`internal: no message ${id}`);
    return found;
  }

  /** Adds a post written at `whenMs` and stamps the issue as modified shortly after. */
  post(issue: ServiceHealthIssue, whenMs: number, status: string, next: string | undefined): void {
    issue.posts.push({
      createdDateTime: graphDateTime(whenMs + POST_OFFSET_MS),
      postType: 'regular',
      description: {
        contentType: 'html',
        content: postContent(issue.title, issue.impactDescription, status, next),
      },
    });
    issue.lastModifiedDateTime = graphDateTime(whenMs + MODIFIED_OFFSET_MS);
  }

  resolve(issue: ServiceHealthIssue, whenMs: number, status: string, summary: string): void {
    issue.status = status;
    issue.isResolved = true;
    issue.endDateTime = graphDateTime(whenMs - 2 * MINUTE_MS);
    this.post(issue, whenMs, summary, undefined);
  }

  nextUpdate(whenMs: number): string {
    return `${new Date(whenMs + HOUR_MS).toUTCString()}`;
  }

  apply(step: number): void {
    STEPS[step]?.(this, this.at(step));
  }
}

type Step = (t: TimelineBuilder, whenMs: number) => void;

function newIssue(
  fields: Pick<
    ServiceHealthIssue,
    | 'id'
    | 'title'
    | 'impactDescription'
    | 'classification'
    | 'status'
    | 'service'
    | 'feature'
    | 'featureGroup'
  > & { startMs: number; details?: KeyValuePair[] },
): ServiceHealthIssue {
  const start = graphDateTime(fields.startMs);
  return {
    startDateTime: start,
    endDateTime: null,
    lastModifiedDateTime: start,
    title: fields.title,
    id: fields.id,
    impactDescription: fields.impactDescription,
    classification: fields.classification,
    origin: 'microsoft',
    status: fields.status,
    service: fields.service,
    feature: fields.feature,
    featureGroup: fields.featureGroup,
    isResolved: false,
    details: fields.details ?? [{ name: 'NotifyInApp', value: 'True' }],
    posts: [],
  };
}

const MC200001_TITLE = 'Retiring the legacy meeting invitation format in Exchange Online and Microsoft Teams';
const MC200001_BODY =
  '<p>Starting next quarter, meeting invitations sent from Exchange Online and Microsoft Teams will use the new ' +
  'invitation format only. Review any transport rules or add-ins that parse the legacy format.</p>';

const STEPS: readonly Step[] = [
  // 0: every service operational; two resolved issues and one message as history.
  (t, when) => {
    for (const [id, service] of SERVICES)
      t.state.overviews.push({ id, service, status: 'serviceOperational' });
    const ex = newIssue({
      id: 'EX100001',
      title: 'Some users are unable to access shared mailboxes in Outlook',
      impactDescription: 'Users may have been unable to open shared mailboxes in Outlook desktop clients.',
      classification: 'incident',
      status: 'investigating',
      service: 'Exchange Online',
      feature: 'E-Mail and calendar access',
      featureGroup: 'E-Mail and calendar access',
      startMs: when - 3 * DAY_MS,
    });
    t.state.issues.push(ex);
    t.post(
      ex,
      when - 3 * DAY_MS + 20 * MINUTE_MS,
      'We are reviewing service telemetry.',
      t.nextUpdate(when - 3 * DAY_MS),
    );
    ex.status = 'restoringService';
    t.post(
      ex,
      when - 3 * DAY_MS + 3 * HOUR_MS,
      'We have deployed a fix to the affected infrastructure.',
      t.nextUpdate(when - 2 * DAY_MS - 21 * HOUR_MS),
    );
    t.resolve(
      ex,
      when - 3 * DAY_MS + 6 * HOUR_MS,
      'serviceRestored',
      'We have confirmed that the fix has restored access to shared mailboxes.',
    );
    const tm = newIssue({
      id: 'TM100002',
      title: 'Some users may see delays when loading chat messages in Microsoft Teams',
      impactDescription: 'Users may have seen delays of a few minutes when loading chat messages.',
      classification: 'advisory',
      status: 'serviceDegradation',
      service: 'Microsoft Teams',
      feature: 'Teams Components',
      featureGroup: 'Teams Components',
      startMs: when - 2 * DAY_MS,
    });
    t.state.issues.push(tm);
    t.post(
      tm,
      when - 2 * DAY_MS + 30 * MINUTE_MS,
      'We are rebalancing traffic to healthy capacity.',
      t.nextUpdate(when - 2 * DAY_MS),
    );
    t.resolve(
      tm,
      when - 2 * DAY_MS + 150 * MINUTE_MS,
      'serviceRestored',
      'Traffic rebalancing has restored normal chat loading times.',
    );
    const published = graphDateTime(when - 5 * DAY_MS);
    t.state.messages.push({
      startDateTime: published,
      endDateTime: graphDateTime(when + 30 * DAY_MS),
      lastModifiedDateTime: published,
      title: 'New feature: Meeting recap in Microsoft Teams',
      id: 'MC100001',
      category: 'stayInformed',
      severity: 'normal',
      tags: ['New feature', 'User impact'],
      isMajorChange: false,
      actionRequiredByDateTime: null,
      services: ['Microsoft Teams'],
      expiryDateTime: null,
      hasAttachments: false,
      details: [],
      body: {
        contentType: 'html',
        content: '<p>Meeting recap brings notes, recordings and transcripts together after a meeting.</p>',
      },
      viewPoint: null,
    });
  },
  // 1: an Exchange incident opens.
  (t, when) => {
    const ex = newIssue({
      id: 'EX200001',
      title: 'Users may experience delays receiving email from external senders',
      impactDescription:
        'Users may experience delays when receiving email from senders outside the organization.',
      classification: 'incident',
      status: 'investigating',
      service: 'Exchange Online',
      feature: 'Mailflow - delayed delivery from Internet',
      featureGroup: 'E-Mail timely delivery',
      startMs: when - 15 * MINUTE_MS,
    });
    t.state.issues.push(ex);
    t.post(ex, when, 'We are investigating reports of delayed inbound mail.', t.nextUpdate(when));
    t.overview('Exchange').status = 'investigating';
  },
  // 2: the incident is understood and degrades Exchange; a SharePoint advisory opens; a major change is announced.
  (t, when) => {
    const ex = t.issue('EX200001');
    ex.status = 'serviceDegradation';
    ex.impactDescription =
      'Users may experience delays of up to 30 minutes when receiving email from senders outside the organization.';
    t.post(
      ex,
      when,
      'A recent configuration change is causing inbound queues to build up.',
      t.nextUpdate(when),
    );
    t.overview('Exchange').status = 'serviceDegradation';
    const sp = newIssue({
      id: 'SP200002',
      title: 'Some users may be unable to load SharePoint Online sites',
      impactDescription: 'Users may see errors or long load times when opening some SharePoint Online sites.',
      classification: 'advisory',
      status: 'serviceDegradation',
      service: 'SharePoint Online',
      feature: 'Sites',
      featureGroup: 'SharePoint Features',
      startMs: when - 5 * MINUTE_MS,
      details: [],
    });
    t.state.issues.push(sp);
    t.post(sp, when, 'We are analysing failed requests to identify the cause.', t.nextUpdate(when));
    t.overview('SharePoint').status = 'serviceDegradation';
    const modified = graphDateTime(when + MODIFIED_OFFSET_MS);
    t.state.messages.push({
      startDateTime: graphDateTime(when),
      endDateTime: graphDateTime(when + 90 * DAY_MS),
      lastModifiedDateTime: modified,
      title: MC200001_TITLE,
      id: 'MC200001',
      category: 'planForChange',
      severity: 'high',
      tags: ['Admin impact', 'User impact'],
      isMajorChange: true,
      actionRequiredByDateTime: graphDateTime(when + 60 * DAY_MS),
      services: ['Exchange Online', 'Microsoft Teams'],
      expiryDateTime: null,
      hasAttachments: false,
      details: [{ name: 'ExternalLink', value: 'https://learn.microsoft.com/exchange/' }],
      body: { contentType: 'html', content: MC200001_BODY },
      viewPoint: null,
    });
  },
  // 3: a second Exchange incident interrupts mailbox access; the first one is being restored.
  (t, when) => {
    const access = newIssue({
      id: 'EX200003',
      title: "Users can't access their mailboxes using Outlook on the web",
      impactDescription: 'Users may be unable to sign in to their mailboxes using Outlook on the web.',
      classification: 'incident',
      status: 'serviceInterruption',
      service: 'Exchange Online',
      feature: 'E-Mail and calendar access',
      featureGroup: 'E-Mail and calendar access',
      startMs: when - 8 * MINUTE_MS,
    });
    t.state.issues.push(access);
    t.post(access, when, 'We are investigating failed sign-ins to Outlook on the web.', t.nextUpdate(when));
    t.overview('Exchange').status = 'serviceInterruption';
    const ex = t.issue('EX200001');
    ex.status = 'restoringService';
    t.post(ex, when, 'We have reverted the configuration change; queues are draining.', t.nextUpdate(when));
  },
  // 4: the SharePoint advisory resolves; the major change is updated.
  (t, when) => {
    t.resolve(
      t.issue('SP200002'),
      when,
      'serviceRestored',
      'We have restored the affected site infrastructure.',
    );
    t.overview('SharePoint').status = 'serviceOperational';
    const mc = t.message('MC200001');
    mc.title = `(Updated) ${MC200001_TITLE}`;
    mc.tags = ['Updated message', 'Admin impact', 'User impact'];
    mc.body = {
      contentType: 'html',
      content: `<p>Updated ${new Date(when).toUTCString().slice(5, 16)}: we have moved the start of the rollout by two weeks.</p>${MC200001_BODY}`,
    };
    mc.lastModifiedDateTime = graphDateTime(when + MODIFIED_OFFSET_MS);
  },
  // 5: both Exchange incidents resolve.
  (t, when) => {
    t.resolve(
      t.issue('EX200001'),
      when,
      'serviceRestored',
      'Inbound queues have drained and mail is delivered without delay.',
    );
    t.resolve(
      t.issue('EX200003'),
      when,
      'serviceRestored',
      'We have fixed the sign-in component and confirmed access to Outlook on the web.',
    );
    t.overview('Exchange').status = 'serviceRestored';
  },
  // 6: the post-incident review of the mail-flow incident is published.
  (t, when) => {
    const ex = t.issue('EX200001');
    ex.status = 'postIncidentReviewPublished';
    t.post(ex, when, 'A post-incident report has been published.', undefined);
    t.overview('Exchange').status = 'serviceOperational';
  },
];

/** The whole service-health state at `step`, in canonical camelCase. */
export function timelineState(baseMs: number, step: number): ServiceHealthState {
  const builder = new TimelineBuilder(baseMs);
  for (let n = 0; n <= step; n += 1) builder.apply(n);
  return builder.state;
}

/**
 * Step 0 of the timeline: the start of the UTC hour of `start`, less the lead. Microsoft never sends a
 * `lastModifiedDateTime` in the future, so every step, with its offsets, must lie before the simulator starts,
 * whatever the hour it starts at; within one hour the base, and so every answer, stays the same.
 */
export function timelineBase(start: Date): number {
  return Math.floor(start.getTime() / HOUR_MS) * HOUR_MS - TIMELINE_LEAD_MS;
}

export function checkStep(step: unknown): number {
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > SERVICE_HEALTH_LAST_STEP) {
    throw new Error(
      `service-health step must be an integer 0..${SERVICE_HEALTH_LAST_STEP}, got ${JSON.stringify(step)}`,
    );
  }
  return step;
}

/** The steppable timeline: in-process controller, source of the Graph answers and of the truth. */
export class ServiceHealthTimeline implements ServiceHealthController {
  readonly lastStep = SERVICE_HEALTH_LAST_STEP;
  readonly #base: number;
  #step: number;
  #state: ServiceHealthState;

  constructor(baseMs: number, step = 0) {
    this.#base = baseMs;
    this.#step = checkStep(step);
    this.#state = timelineState(baseMs, this.#step);
  }

  get step(): number {
    return this.#step;
  }

  advance(): number {
    if (this.#step === this.lastStep) {
      throw new Error(`service-health timeline is already at its last step ${this.lastStep}`);
    }
    this.setStep(this.#step + 1);
    return this.#step;
  }

  setStep(step: number): void {
    this.#step = checkStep(step);
    this.#state = timelineState(this.#base, this.#step);
  }

  /** The live state; callers must not mutate it (the HTTP layer copies what it sends). */
  get state(): ServiceHealthState {
    return this.#state;
  }

  truth(): ServiceHealthTruth {
    return { step: this.#step, ...structuredClone(this.#state) };
  }
}

function pascal(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function casedBody(body: ItemBody): ItemBody {
  return { contentType: pascal(body.contentType), content: body.content };
}

/** The doc examples' PascalCase spelling of every enum value (ServiceOperational, Incident, Html, ...). */
export function casedOverview(overview: ServiceHealthOverview, enumCase: EnumCase): ServiceHealthOverview {
  return enumCase === 'camel' ? overview : { ...overview, status: pascal(overview.status) };
}

export function casedIssue(issue: ServiceHealthIssue, enumCase: EnumCase): ServiceHealthIssue {
  if (enumCase === 'camel') return issue;
  return {
    ...issue,
    classification: pascal(issue.classification),
    origin: pascal(issue.origin),
    status: pascal(issue.status),
    posts: issue.posts.map((post) => ({
      createdDateTime: post.createdDateTime,
      postType: pascal(post.postType),
      description: casedBody(post.description),
    })),
  };
}

export function casedMessage(message: ServiceUpdateMessage, enumCase: EnumCase): ServiceUpdateMessage {
  if (enumCase === 'camel') return message;
  return {
    ...message,
    category: pascal(message.category),
    severity: pascal(message.severity),
    body: casedBody(message.body),
  };
}
