// Audit records for the micro-benchmarks, one of each content type in turn, shaped like Microsoft's.

/** One record of a content type, shaped like Microsoft's; index varies the id, the time and the client address. */
export function auditRecord(index: number): Record<string, unknown> {
  const common = {
    CreationTime: `2024-03-11T${String(index % 24).padStart(2, '0')}:02:45${index % 3 === 0 ? '.1234567' : ''}`,
    Id: `7e8f9a0b-1c2d-4e3f-8a4b-${String(index).padStart(12, '0')}`,
    OrganizationId: 'b2c1f2a4-6a2e-4c8f-9f7e-1d2c3b4a5f60',
    UserKey: '10032001A5B0C9F3',
    UserType: index % 9,
    Version: 1,
    UserId: `user${index % 500}@contoso.onmicrosoft.com`,
  };
  switch (index % 5) {
    case 0:
      return {
        ...common,
        Operation: 'UserLoggedIn',
        RecordType: 15,
        ResultStatus: 'Succeeded',
        Workload: 'AzureActiveDirectory',
        ClientIP: '2001:db8:85a3::8a2e:370:7334',
        ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }],
      };
    case 1:
      return {
        ...common,
        Operation: 'MailItemsAccessed',
        RecordType: 50,
        ResultStatus: 'Succeeded',
        Workload: 'Exchange',
        ClientIP: '[2001:db8::7]:51234',
        OperationCount: 3,
      };
    case 2:
      return {
        ...common,
        Operation: 'FileAccessed',
        RecordType: 6,
        Workload: 'SharePoint',
        ClientIP: '203.0.113.24:50123',
        ObjectId: 'https://contoso.sharepoint.com/sites/a/Shared Documents/Plan.docx',
        ItemType: 'File',
      };
    case 3:
      return {
        ...common,
        Operation: 'MemberAdded',
        RecordType: 25,
        Workload: 'MicrosoftTeams',
        ClientIP: '198.51.100.4',
        TeamName: 'Marketing',
      };
    default:
      return {
        ...common,
        Operation: 'DlpRuleMatch',
        RecordType: 11,
        Workload: 'SharePoint',
        ClientIP: null,
        PolicyDetails: [{ PolicyName: 'U.S. Financial Data' }],
      };
  }
}
