import { describe, expect, it } from 'vitest';
import {
  DIRECTORY_CHANGE,
  DLP_RULE_MATCH,
  EXCHANGE_ADMIN,
  FAILED_SIGN_IN,
  FILE_ACCESSED,
  MAIL_ITEMS_ACCESSED,
  TEAMS_MEMBER_ADDED,
  UNKNOWN_RECORD_TYPE,
} from './__fixtures__/audit-records.js';
import { type AuditEvent, mapAuditRecord } from './audit-record.js';
import {
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365_AUDIT_RESULT,
  M365_AUDIT_RECORD_TYPE_NAME_BY_CODE,
  M365_AUDIT_USER_TYPE_NAME_BY_CODE,
} from './generated/catalog.js';

const blob = (contentType: string) => ({ contentType, contentId: `${contentType}$20240311$blob-1` });

describe('mapAuditRecord', () => {
  it('maps a failed Entra ID sign-in: a LogonError is a failure whatever ResultStatus says, IPv6 without a port', () => {
    const event = mapAuditRecord(FAILED_SIGN_IN, blob('Audit.AzureActiveDirectory'));
    expect(event).toEqual({
      eventName: 'm365.audit.record',
      timestampMs: Date.UTC(2015, 5, 29, 20, 3, 19),
      severity: 'WARN',
      attributes: {
        'log.record.uid': '4e0b5fc0-93e4-4cf0-9a43-6f1bd7d7a001',
        'm365.audit.content_type': 'Audit.AzureActiveDirectory',
        'm365.audit.content_id': 'Audit.AzureActiveDirectory$20240311$blob-1',
        'm365.audit.operation': 'UserLoginFailed',
        'm365.audit.workload': 'AzureActiveDirectory',
        'm365.audit.record_type': 15,
        'm365.audit.record_type_name': 'AzureActiveDirectoryStsLogon',
        'user.id': 'alex@contoso.onmicrosoft.com',
        'm365.audit.user_type': 0,
        'm365.audit.user_type_name': 'Regular',
        'm365.audit.result_status': 'Succeeded',
        'm365.audit.result': 'failure',
        'm365.audit.client_ip': '2001:db8:85a3::8a2e:370:7334',
        'client.address': '2001:db8:85a3::8a2e:370:7334',
        'm365.audit.organization_id': 'b2c1f2a4-6a2e-4c8f-9f7e-1d2c3b4a5f60',
      },
      body: FAILED_SIGN_IN,
      recordsMetric: {
        'm365.audit.content_type': 'Audit.AzureActiveDirectory',
        'm365.audit.workload': 'AzureActiveDirectory',
        'm365.audit.result': 'failure',
      },
    } satisfies AuditEvent);
  });

  it('keeps the record itself as the body, not a copy, with every field of the workload', () => {
    const event = mapAuditRecord(FILE_ACCESSED, blob('Audit.SharePoint'));
    expect(event.body).toBe(FILE_ACCESSED);
    expect(event.body.SourceFileName).toBe('Plan.docx');
  });

  it('maps a directory change without a client address: ClientIP null gives no client attribute', () => {
    const { attributes, severity } = mapAuditRecord(DIRECTORY_CHANGE, blob('Audit.AzureActiveDirectory'));
    expect(attributes).not.toHaveProperty('m365.audit.client_ip');
    expect(attributes).not.toHaveProperty('client.address');
    expect(attributes).toMatchObject({
      'm365.audit.record_type_name': 'AzureActiveDirectory',
      'm365.audit.user_type_name': 'System',
      'm365.audit.result': 'success',
    });
    expect(severity).toBe('INFO');
  });

  it('maps an Exchange admin cmdlet: False is a failure, an empty ClientIP gives no client attribute', () => {
    const event = mapAuditRecord(EXCHANGE_ADMIN, blob('Audit.Exchange'));
    expect(event.timestampMs).toBe(Date.UTC(2015, 5, 29, 20, 15, 42));
    expect(event.severity).toBe('WARN');
    expect(event.attributes).toMatchObject({
      'm365.audit.operation': 'Set-Mailbox',
      'm365.audit.record_type_name': 'ExchangeAdmin',
      'm365.audit.user_type_name': 'DcAdmin',
      'm365.audit.result_status': 'False',
      'm365.audit.result': 'failure',
      'user.id': 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)',
    });
    expect(event.attributes).not.toHaveProperty('client.address');
  });

  it('splits a bracketed IPv6 address and its port, and an IPv4 address and its port', () => {
    expect(mapAuditRecord(MAIL_ITEMS_ACCESSED, blob('Audit.Exchange')).attributes).toMatchObject({
      'm365.audit.client_ip': '[2001:db8::7]:51234',
      'client.address': '2001:db8::7',
      'client.port': 51234,
      'm365.audit.record_type_name': 'ExchangeItemAggregated',
    });
    const file = mapAuditRecord(FILE_ACCESSED, blob('Audit.SharePoint'));
    expect(file.attributes).toMatchObject({
      'm365.audit.client_ip': '203.0.113.24:50123',
      'client.address': '203.0.113.24',
      'client.port': 50123,
      'm365.audit.workload': 'OneDrive',
      'm365.audit.record_type_name': 'SharePointFileOperation',
      'm365.audit.result': 'unknown',
    });
    expect(file.attributes).not.toHaveProperty('m365.audit.result_status');
    expect(file.timestampMs).toBe(Date.UTC(2024, 2, 11, 9, 2, 45, 123));
  });

  it('maps a Teams record of Audit.General from a plain IPv4 address', () => {
    const event = mapAuditRecord(TEAMS_MEMBER_ADDED, blob('Audit.General'));
    expect(event.timestampMs).toBe(Date.UTC(2024, 2, 11, 10, 30, 0));
    expect(event.attributes).toMatchObject({
      'client.address': '198.51.100.4',
      'm365.audit.record_type_name': 'MicrosoftTeams',
      'm365.audit.workload': 'MicrosoftTeams',
    });
    expect(event.attributes).not.toHaveProperty('client.port');
  });

  it('passes a record type, user type and workload it does not know as sent, without a name', () => {
    const event = mapAuditRecord(UNKNOWN_RECORD_TYPE, blob('Audit.General'));
    expect(event.attributes).toMatchObject({
      'm365.audit.record_type': 261,
      'm365.audit.user_type': 11,
      'm365.audit.workload': 'Copilot',
      'm365.audit.result_status': 'PartiallySucceeded',
      'm365.audit.result': 'partial',
    });
    expect(event.attributes).not.toHaveProperty('m365.audit.record_type_name');
    expect(event.attributes).not.toHaveProperty('m365.audit.user_type_name');
    expect(event.severity).toBe('WARN');
    expect(event.recordsMetric).toEqual({
      'm365.audit.content_type': 'Audit.General',
      'm365.audit.workload': 'Copilot',
      'm365.audit.result': 'partial',
    });
    expect(event.body.CopilotEventData).toEqual(UNKNOWN_RECORD_TYPE.CopilotEventData);
    expect(event.timestampMs).toBe(Date.UTC(2025, 0, 20, 14, 5, 9, 500));
  });

  it('maps a DLP match without a client address or ResultStatus', () => {
    const event = mapAuditRecord(DLP_RULE_MATCH, blob('DLP.All'));
    expect(event.attributes).toMatchObject({
      'm365.audit.content_type': 'DLP.All',
      'm365.audit.operation': 'DlpRuleMatch',
      'm365.audit.record_type_name': 'ComplianceDLPSharePoint',
      'm365.audit.result': 'unknown',
    });
    expect(event.severity).toBe('INFO');
    expect(event.body.PolicyDetails).toBe(DLP_RULE_MATCH.PolicyDetails);
  });

  it.each([
    ['missing', undefined],
    ['missing', null],
    ['missing', ''],
    ['unreadable', 'yesterday'],
    ['unreadable', '29/06/2015 20:03:19'],
    ['unreadable', '2015-13-29T20:03:19'],
    ['unreadable', 1435608199],
  ])('still emits a record whose CreationTime is %s (%j), without a timestamp', (error, CreationTime) => {
    const event = mapAuditRecord({ ...TEAMS_MEMBER_ADDED, CreationTime }, blob('Audit.General'));
    expect(event.timestampMs).toBeUndefined();
    expect(event.attributes['m365.audit.creation_time_error']).toBe(error);
    expect(event.attributes['log.record.uid']).toBe(TEAMS_MEMBER_ADDED.Id);
  });

  it('has no time error when CreationTime is read', () => {
    expect(mapAuditRecord(TEAMS_MEMBER_ADDED, blob('Audit.General')).attributes).not.toHaveProperty(
      'm365.audit.creation_time_error',
    );
  });

  it.each([
    ['1.2.3.4', '1.2.3.4', undefined],
    ['1.2.3.4:8080', '1.2.3.4', 8080],
    ['1.2.3.4:99999', '1.2.3.4:99999', undefined],
    ['1.2.3.4:http', '1.2.3.4:http', undefined],
    ['::1', '::1', undefined],
    ['fe80::1%eth0', 'fe80::1%eth0', undefined],
    ['[2001:db8::1]', '2001:db8::1', undefined],
    ['[2001:db8::1]:443', '2001:db8::1', 443],
    ['[2001:db8::1]:', '2001:db8::1', undefined],
    ['[]:443', '[]:443', undefined],
  ])('reads client.address and client.port from ClientIP %j', (ClientIP, address, port) => {
    const { attributes } = mapAuditRecord({ ...TEAMS_MEMBER_ADDED, ClientIP }, blob('Audit.General'));
    expect(attributes['m365.audit.client_ip']).toBe(ClientIP);
    expect(attributes['client.address']).toBe(address);
    expect(attributes['client.port']).toBe(port);
  });

  it.each([
    ['Succeeded', 'success', 'INFO'],
    ['succeeded', 'success', 'INFO'],
    ['Success', 'success', 'INFO'],
    ['True', 'success', 'INFO'],
    [true, 'success', 'INFO'],
    ['PartiallySucceeded', 'partial', 'WARN'],
    ['Failed', 'failure', 'WARN'],
    ['Failure', 'failure', 'WARN'],
    ['False', 'failure', 'WARN'],
    [false, 'failure', 'WARN'],
    ['Pending', 'unknown', 'INFO'],
    [undefined, 'unknown', 'INFO'],
  ])('reads ResultStatus %j as %s', (ResultStatus, result, severity) => {
    const event = mapAuditRecord({ ...TEAMS_MEMBER_ADDED, ResultStatus }, blob('Audit.General'));
    expect(event.attributes[ATTR_M365_AUDIT_RESULT]).toBe(result);
    expect(event.recordsMetric[ATTR_M365_AUDIT_RESULT]).toBe(result);
    expect(event.severity).toBe(severity);
  });

  it('leaves out identity attributes Microsoft sent in another type, and passes a content type as sent', () => {
    const { attributes, recordsMetric } = mapAuditRecord(
      { Id: 7, RecordType: '15', UserType: 2.5, UserId: null, Workload: '' },
      blob('Audit.Future'),
    );
    expect(attributes).toEqual({
      'm365.audit.content_type': 'Audit.Future',
      'm365.audit.content_id': 'Audit.Future$20240311$blob-1',
      'm365.audit.result': 'unknown',
      'm365.audit.creation_time_error': 'missing',
    });
    expect(recordsMetric).toEqual({
      [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Future',
      'm365.audit.result': 'unknown',
    });
  });
});

describe('the RecordType and UserType tables', () => {
  it('name the record types of every content type, the newest of the table included', () => {
    expect(M365_AUDIT_RECORD_TYPE_NAME_BY_CODE.get(15)).toBe('AzureActiveDirectoryStsLogon');
    expect(M365_AUDIT_RECORD_TYPE_NAME_BY_CODE.get(63)).toBe('DLPEndpoint');
    expect(M365_AUDIT_RECORD_TYPE_NAME_BY_CODE.get(231)).toBe('PlannerRosterSensitivityLabel');
    expect(M365_AUDIT_RECORD_TYPE_NAME_BY_CODE.get(5)).toBeUndefined();
  });

  it('name every UserType from 0 to 8', () => {
    expect([...M365_AUDIT_USER_TYPE_NAME_BY_CODE.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

/** Never called: typecheck fails when one of these lines compiles. */
export function wrongAuditAttributesDoNotCompile(event: AuditEvent): void {
  // @ts-expect-error: the records counter's result is a closed enum
  event.recordsMetric = { [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange', [ATTR_M365_AUDIT_RESULT]: 'ok' };
  // @ts-expect-error: a record is one event name only
  event.eventName = 'm365.service.issue';
}
