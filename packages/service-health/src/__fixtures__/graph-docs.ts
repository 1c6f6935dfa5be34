// The service health examples of the Graph v1.0 documentation, verbatim (docs/microsoft-apis.md#enumerations). The docs spell
// enum values in PascalCase; live tenants send camelCase.

export const DOC_OVERVIEWS = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#admin/serviceAnnouncement/healthOverviews","value":[{"service":"Exchange Online","status":"ServiceOperational","id":"Exchange"},{"service":"Identity Service","status":"ServiceRestored","id":"OrgLiveID"},{"service":"Microsoft 365 suite","status":"ServiceOperational","id":"OSDPPlatform"}]}`;

export const DOC_ISSUE = `{"startDateTime":"2020-11-13T21:00:00Z","endDateTime":"2020-11-14T17:15:00Z","lastModifiedDateTime":"2020-11-14T18:20:24.767Z","title":"Limited number of users unable to send or receive email through the Exchange Online service","id":"EX226792","impactDescription":"Users may have been unable to send or receive email through the Exchange Online service.","classification":"Incident","origin":"Microsoft","status":"ServiceRestored","service":"Exchange Online","feature":"Mailflow - delayed delivery from Internet","featureGroup":"E-Mail timely delivery","isResolved":true,"details":[{"name":"NotifyInApp","value":"True"}],"posts":[{"createdDateTime":"2020-11-12T07:07:38.97Z","postType":"Regular","description":{"contentType":"Html","content":"Title: Limited number of users unable to send or receive email through the Exchange Online service\\n\\nUser Impact: Users may be unable to send or receive email through the Exchange Online service."}}]}`;

export const DOC_MESSAGE = `{"startDateTime":"2019-02-01T18:51:00Z","endDateTime":"2019-06-01T08:00:00Z","lastModifiedDateTime":"2021-01-08T01:10:06.843Z","title":"(Updated) New feature: Changes to PowerPoint and Word to open files faster","id":"MC172851","category":"StayInformed","severity":"Normal","tags":["Updated message"],"isMajorChange":true,"actionRequiredByDateTime":null,"services":["SharePoint Online","OneDrive for Business"],"expiryDateTime":null,"details":[{"name":"ExternalLink","value":"https://support.office.com/article/office-document-cache-settings-4b497318-ae4f-4a99-be42-b242b2e8b692"}],"body":{"contentType":"Html","content":"Updated January 07, 2021: Based on learnings from our early rings, …"},"viewPoint":null}`;

/** The same issue as a live tenant sends it: camelCase enums and a lower-case body type. */
export const CAMEL_ISSUE = DOC_ISSUE.replace('"Incident"', '"incident"')
  .replace('"Microsoft"', '"microsoft"')
  .replace('"ServiceRestored"', '"serviceRestored"')
  .replace('"Regular"', '"regular"')
  .replace('"Html"', '"html"');

export const CAMEL_MESSAGE = DOC_MESSAGE.replace('"StayInformed"', '"stayInformed"')
  .replace('"Normal"', '"normal"')
  .replace('"Html"', '"html"');
