// A request step of the trace that presented a client certificate (mutual TLS) says so: its subject
// and SHA-256 thumbprint, the public facts; the key is never here.
import type { PresentedCertificate } from '../../../shared/flow-types';

export function PresentedCertificateLine({ certificate }: { certificate: PresentedCertificate | undefined }) {
  if (!certificate) return null;
  return (
    <p className="small">
      Client certificate presented (mutual TLS): <span className="mono">{certificate.subject}</span>, x5t#S256 <span className="mono">{certificate.thumbprint}</span>
    </p>
  );
}
