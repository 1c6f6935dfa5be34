// Audit records shaped like the examples of Microsoft's Management Activity API schema reference: the common
// schema, then the workload's own fields. Ids, names and addresses are made up.

const ORGANIZATION_ID = 'b2c1f2a4-6a2e-4c8f-9f7e-1d2c3b4a5f60';

/** Audit.AzureActiveDirectory: a sign-in that failed although ResultStatus says the call succeeded. */
export const FAILED_SIGN_IN = {
  CreationTime: '2015-06-29T20:03:19',
  Id: '4e0b5fc0-93e4-4cf0-9a43-6f1bd7d7a001',
  Operation: 'UserLoginFailed',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 15,
  ResultStatus: 'Succeeded',
  UserKey: '10032001A5B0C9F3@contoso.onmicrosoft.com',
  UserType: 0,
  Version: 1,
  Workload: 'AzureActiveDirectory',
  ClientIP: '2001:db8:85a3::8a2e:370:7334',
  ObjectId: '00000003-0000-0000-c000-000000000000',
  UserId: 'alex@contoso.onmicrosoft.com',
  AzureActiveDirectoryEventType: 1,
  ExtendedProperties: [
    { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' },
    { Name: 'RequestType', Value: 'Login:login' },
  ],
  Actor: [
    { ID: 'a4d1a3c2-0b1e-4f5a-8c7d-6e5f4a3b2c1d', Type: 0 },
    { ID: 'alex@contoso.onmicrosoft.com', Type: 5 },
  ],
  ActorContextId: ORGANIZATION_ID,
  InterSystemsId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
  IntraSystemId: '6f3b2a1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0',
  Target: [{ ID: '00000003-0000-0000-c000-000000000000', Type: 0 }],
  TargetContextId: ORGANIZATION_ID,
  ApplicationId: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7',
  LogonError: 'InvalidUserNameOrPassword',
} as const;

/** Audit.AzureActiveDirectory: a directory change, which carries no client address. */
export const DIRECTORY_CHANGE = {
  CreationTime: '2015-06-29T21:10:02',
  Id: '9c0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1a02',
  Operation: 'Add user.',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 8,
  ResultStatus: 'Success',
  UserKey: 'Not Available',
  UserType: 4,
  Version: 1,
  Workload: 'AzureActiveDirectory',
  ClientIP: null,
  ObjectId: 'jordan@contoso.onmicrosoft.com',
  UserId: 'ServicePrincipal_1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b',
  ModifiedProperties: [{ Name: 'AccountEnabled', NewValue: '[true]', OldValue: '[]' }],
} as const;

/** Audit.Exchange: an admin cmdlet, whose ResultStatus is True or False. */
export const EXCHANGE_ADMIN = {
  CreationTime: '2015-06-29T20:15:42Z',
  Id: 'd1c2b3a4-5e6f-4a7b-8c9d-0e1f2a3b4c03',
  Operation: 'Set-Mailbox',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 1,
  ResultStatus: 'False',
  UserKey: 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)',
  UserType: 3,
  Version: 1,
  Workload: 'Exchange',
  ClientIP: '',
  ObjectId:
    'EURPR01A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Alex',
  UserId: 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)',
  ExternalAccess: true,
  OrganizationName: 'contoso.onmicrosoft.com',
  OriginatingServer: 'AM5PR01MB0001 (15.01.0172.000)',
  Parameters: [
    { Name: 'Identity', Value: 'Alex' },
    { Name: 'AuditEnabled', Value: 'True' },
  ],
} as const;

/** Audit.Exchange: mailbox items accessed (aggregated), from a bracketed IPv6 address with a port. */
export const MAIL_ITEMS_ACCESSED = {
  CreationTime: '2024-03-11T08:41:27',
  Id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c04',
  Operation: 'MailItemsAccessed',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 50,
  ResultStatus: 'Succeeded',
  UserKey: '10032001A5B0C9F3',
  UserType: 0,
  Version: 1,
  Workload: 'Exchange',
  ClientIP: '[2001:db8::7]:51234',
  UserId: 'alex@contoso.onmicrosoft.com',
  AppId: '00000002-0000-0ff1-ce00-000000000000',
  ClientIPAddress: '2001:db8::7',
  ClientInfoString: 'Client=REST;Client=RESTSystem;;',
  ExternalAccess: false,
  LogonType: 0,
  MailboxGuid: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
  MailboxOwnerUPN: 'alex@contoso.onmicrosoft.com',
  OperationCount: 3,
  OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
  Folders: [{ FolderItems: [{ InternetMessageId: '<a1@contoso.com>' }], Path: '\\Inbox' }],
} as const;

/** Audit.SharePoint: a file accessed, from an IPv4 address with a port, CreationTime to the 100 nanoseconds. */
export const FILE_ACCESSED = {
  CreationTime: '2024-03-11T09:02:45.1234567',
  Id: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a05',
  Operation: 'FileAccessed',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 6,
  UserKey: 'i:0h.f|membership|10032001a5b0c9f3@live.com',
  UserType: 0,
  Version: 1,
  Workload: 'OneDrive',
  ClientIP: '203.0.113.24:50123',
  ObjectId: 'https://contoso-my.sharepoint.com/personal/alex_contoso_onmicrosoft_com/Documents/Plan.docx',
  UserId: 'alex@contoso.onmicrosoft.com',
  EventSource: 'SharePoint',
  ItemType: 'File',
  ListId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  ListItemUniqueId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  Site: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  UserAgent: 'Microsoft Office Word 2014',
  WebId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  SourceFileExtension: 'docx',
  SiteUrl: 'https://contoso-my.sharepoint.com/personal/alex_contoso_onmicrosoft_com/',
  SourceFileName: 'Plan.docx',
  SourceRelativeUrl: 'Documents',
} as const;

/** Audit.General: a Teams membership change, from a plain IPv4 address. */
export const TEAMS_MEMBER_ADDED = {
  CreationTime: '2024-03-11T10:30:00Z',
  Id: '8f9a0b1c-2d3e-4f4a-9b5c-6d7e8f9a0b06',
  Operation: 'MemberAdded',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 25,
  UserKey: '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b',
  UserType: 0,
  Version: 1,
  Workload: 'MicrosoftTeams',
  ClientIP: '198.51.100.4',
  UserId: 'alex@contoso.onmicrosoft.com',
  CommunicationType: 'Team',
  Members: [{ DisplayName: 'Jordan', Role: 1, UPN: 'jordan@contoso.onmicrosoft.com' }],
  TeamGuid: '19:0a1b2c3d4e5f@thread.skype',
  TeamName: 'Marketing',
} as const;

/**
 * Audit.General: a record type and a workload this version does not know (a Copilot interaction), with fields of
 * its own, a partial success and a UserType outside the table.
 */
export const UNKNOWN_RECORD_TYPE = {
  CreationTime: '2025-01-20T14:05:09.5',
  Id: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c07',
  Operation: 'CopilotInteraction',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 261,
  ResultStatus: 'PartiallySucceeded',
  UserKey: '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b',
  UserType: 11,
  Version: 1,
  Workload: 'Copilot',
  ClientIP: '198.51.100.9',
  UserId: 'alex@contoso.onmicrosoft.com',
  CopilotEventData: {
    AppHost: 'Teams',
    Contexts: [{ Id: 'https://teams.microsoft.com/', Type: 'TeamsMeeting' }],
  },
  AppAccessContext: { AADSessionId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', ClientAppName: 'Teams' },
} as const;

/** DLP.All: a DLP rule matched in SharePoint; system user, no client address. */
export const DLP_RULE_MATCH = {
  CreationTime: '2024-03-11T11:45:10',
  Id: 'a0b1c2d3-e4f5-4a6b-9c7d-8e9f0a1b2c08',
  Operation: 'DlpRuleMatch',
  OrganizationId: ORGANIZATION_ID,
  RecordType: 11,
  UserKey: 'SharePoint',
  UserType: 4,
  Version: 1,
  Workload: 'SharePoint',
  ObjectId: 'https://contoso.sharepoint.com/sites/finance/Shared Documents/Salaries.xlsx',
  UserId: 'alex@contoso.onmicrosoft.com',
  IncidentId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  PolicyDetails: [
    {
      PolicyId: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
      PolicyName: 'U.S. Financial Data',
      Rules: [{ Actions: ['NotifyUser'], RuleName: 'Low volume', Severity: 'Low' }],
    },
  ],
  SensitiveInfoDetectionIsIncluded: true,
  SharePointMetaData: {
    FileName: 'Salaries.xlsx',
    SiteCollectionUrl: 'https://contoso.sharepoint.com/sites/finance',
  },
} as const;
