// What Discover answers: the metadata it kept, or why there is none, with the trace of every request
// it made either way (the raw documents are the response bodies in the trace).
import type { TraceEntry } from '../flow-types';
import type { DiscoveredMetadata } from './metadata';

/** Why Discover found no usable metadata: each kind is a different thing for the user to check. */
export type DiscoveryErrorKind =
  | 'invalid_issuer' // the Issuer cannot be discovered as typed (empty, placeholder, query...)
  | 'timeout'
  | 'connection_refused'
  | 'dns'
  | 'tls'
  | 'network'
  | 'redirect' // a 3xx: reported, never followed
  | 'not_found' // 404 at every well-known URL tried
  | 'http_status' // another non-2xx answer (a 500, an HTML error page...)
  | 'not_json' // a 2xx answer that is not a JSON document (often an HTML page)
  | 'response_too_large'
  | 'invalid_document' // JSON, but not metadata (no issuer, not an object)
  | 'issuer_mismatch'; // the document names another issuer (OpenID Connect Discovery 4.3)

export interface DiscoveryError {
  kind: DiscoveryErrorKind;
  /** In words, with what to do about it. */
  message: string;
  /** The URL of the answer the error is about. */
  url?: string;
  httpStatus?: number;
  /** The beginning of the body, whitespace collapsed (an HTML page as its text). */
  bodyExcerpt?: string;
  /** issuer_mismatch: the Issuer typed, and the issuer the document names. */
  expected?: string;
  received?: string;
}

export type DiscoveryOutcome =
  | {
      ok: true;
      discovered: DiscoveredMetadata;
      /** Fields ignored for a wrong type, a missing endpoint, a Content-Type that is not JSON... */
      warnings: string[];
      trace: TraceEntry[];
    }
  | { ok: false; error: DiscoveryError; trace: TraceEntry[] };
