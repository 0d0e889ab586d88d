// Reads one discovery answer: a 2xx JSON object naming exactly the issuer typed, its known fields
// checked one by one with the schema. A field of the wrong type is dropped with a warning rather
// than refusing the whole document: an inspector should still show what the IdP got right.
import { differOnlyByTrailingSlash } from '../../shared/oidc/discovery-url';
import type { DiscoveryError } from '../../shared/oidc/discovery-result';
import { OidcMetadataSchema, type OidcMetadata } from '../../shared/oidc/metadata';
import type { HttpAnswer } from '../flow/token-client';

export type DocumentReading = { ok: true; metadata: OidcMetadata; warnings: string[] } | { ok: false; error: DiscoveryError };

const EXCERPT_CHARS = 300;
const ENDPOINT_FIELDS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'revocation_endpoint', 'introspection_endpoint', 'end_session_endpoint', 'pushed_authorization_request_endpoint'] as const;

/** The first characters of a body, an HTML page as its text: enough to recognise a proxy's or a login page. */
export function bodyExcerpt(body: string, contentType = ''): string {
  const looksHtml = /html/i.test(contentType) || /^\s*</.test(body);
  const text = looksHtml
    ? body
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
    : body;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > EXCERPT_CHARS ? `${collapsed.slice(0, EXCERPT_CHARS)}…` : collapsed;
}

function describeBody(answer: HttpAnswer): { text: string; excerpt: string } {
  const type = answer.headers['content-type'] ?? '';
  const excerpt = bodyExcerpt(answer.body, type);
  const kind = /html/i.test(type) || /^\s*</.test(answer.body) ? 'an HTML page' : type ? `a ${type.split(';')[0]} body` : 'a body';
  return { text: excerpt === '' ? 'an empty body' : `${kind}: “${excerpt}”`, excerpt };
}

export function readMetadataAnswer(answer: HttpAnswer, url: string, expectedIssuer: string): DocumentReading {
  const status = `${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const fail = (error: Omit<DiscoveryError, 'url'>): DocumentReading => ({ ok: false, error: { url, ...error } });

  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.headers.location;
    return fail({
      kind: 'redirect',
      httpStatus: answer.status,
      message: `${url} answered ${status}${location ? `, redirecting to ${location}` : ''}. Discover does not follow redirects: check the Issuer (http instead of https, a missing path or a trailing slash are the usual causes), and if the new address is the IdP's, type that issuer.`,
    });
  }
  if (answer.status < 200 || answer.status >= 300) {
    const body = describeBody(answer);
    return fail({
      kind: 'http_status',
      httpStatus: answer.status,
      bodyExcerpt: body.excerpt,
      message: `${url} answered ${status} with ${body.text}. ${answer.status >= 500 ? 'The IdP has a problem: try again later, or look at its logs.' : 'Check the Issuer, and whether the IdP publishes discovery metadata at all.'}`,
    });
  }
  if (answer.truncated) {
    return fail({ kind: 'response_too_large', httpStatus: answer.status, message: `The document at ${url} is larger than ${Math.round(answer.limitBytes / 1024)} KiB, so it was not read: metadata documents are a few KiB. Is this URL really the IdP's?` });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(answer.body);
  } catch {
    const body = describeBody(answer);
    return fail({
      kind: 'not_json',
      httpStatus: answer.status,
      bodyExcerpt: body.excerpt,
      message: `${url} answered ${status} but not with JSON metadata: it sent ${body.text}. An HTML page usually means the Issuer points at a web site or a sign-in page rather than at the identity provider.`,
    });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail({ kind: 'invalid_document', httpStatus: answer.status, message: `${url} answered with JSON that is not a metadata document (an object with an issuer).` });
  }
  const fields = doc as Record<string, unknown>;
  if (typeof fields.issuer !== 'string' || fields.issuer === '') {
    return fail({ kind: 'invalid_document', httpStatus: answer.status, message: `The document at ${url} has no issuer, which every metadata document must name: is this really the IdP's discovery URL?` });
  }
  if (fields.issuer !== expectedIssuer) {
    const slash = differOnlyByTrailingSlash(fields.issuer, expectedIssuer) ? ' They differ only by a terminating slash, which still makes them different issuers (ID tokens carry the exact value).' : '';
    return fail({
      kind: 'issuer_mismatch',
      expected: expectedIssuer,
      received: fields.issuer,
      message: `The document at ${url} is for the issuer “${fields.issuer}”, not for the Issuer typed, “${expectedIssuer}”. OpenID Connect Discovery 4.3 requires them to be identical, so the document was refused.${slash} If “${fields.issuer}” is the IdP's issuer, type exactly that.`,
    });
  }
  return { ok: true, ...pickFields(fields, answer) };
}

/** Each known field through its own schema: a wrong type is dropped and said, never coerced. */
function pickFields(fields: Record<string, unknown>, answer: HttpAnswer): { metadata: OidcMetadata; warnings: string[] } {
  const warnings: string[] = [];
  const picked: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(OidcMetadataSchema.shape)) {
    const value = fields[name];
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) picked[name] = parsed.data;
    else warnings.push(`${name} was ignored (${JSON.stringify(value).slice(0, 80)}): ${parsed.error.issues[0]?.message ?? 'not the type the specifications define'}.`);
  }
  for (const name of ENDPOINT_FIELDS) {
    const value = picked[name];
    if (typeof value === 'string' && !isHttpUrl(value)) warnings.push(`${name} “${value}” is not an absolute http(s) URL.`);
  }
  for (const [name, field] of [
    ['authorization_endpoint', 'Auth URL'],
    ['token_endpoint', 'Access Token URL'],
  ] as const) {
    if (picked[name] === undefined) warnings.push(`The metadata has no ${name}: ${field} was left as it was.`);
  }
  const type = answer.headers['content-type'] ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) warnings.push(`The document was read as JSON although its Content-Type is ${type ? `“${type}”` : 'missing'} (the specifications want application/json).`);
  return { metadata: OidcMetadataSchema.parse(picked), warnings };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
