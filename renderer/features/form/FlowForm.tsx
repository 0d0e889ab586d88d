// The "Authorization Code (With PKCE)" form: Postman's fields in Postman's order, checked live with the
// same rules main enforces, and "Get New Access Token" to start a flow. Pressing it with errors shows
// them all and focuses the first, rather than a silently disabled button.
import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { ApiError } from '../../../shared/errors';
import { TLS_CLIENT_AUTHENTICATIONS } from '../../../shared/mtls';
import { getApi } from '../../api';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFlowsStore } from '../../store/flows-store';
import { useFormStore } from '../../store/form-store';
import { useCurrentHasSecret, useCurrentProfileId } from '../../store/profiles-store';
import { useSecretDraftStore, useTypedSecret } from '../../store/secret-draft-store';
import { useUiStore } from '../../store/ui-store';
import { ProbeButton } from '../probe/ProbeButton';
import { ProbePanel } from '../probe/ProbePanel';
import { ClientAssertionFields } from '../fapi/ClientAssertionFields';
import { useSigningKeyAlg } from '../fapi/signing-key-store';
import { AdvancedSection } from './AdvancedSection';
import { AuthorizeModeField } from './AuthorizeModeField';
import { CallbackField } from './CallbackField';
import { chooseClientSecret } from './client-secret-choice';
import { ClientSecretField } from './ClientSecretField';
import { CodeVerifierField } from './CodeVerifierField';
import { IssuerField } from '../discovery/IssuerField';
import { ADVANCED_FIELDS, fieldId, firstErrorField, issuesByField } from './field-issues';
import { FlowPkceSteps } from './FlowPkceSteps';
import { FormIssuesContext } from './form-issues-context';
import { SelectField } from './SelectField';
import { TextField } from './TextField';
import { useChallenge } from './use-challenge';
import { useFormValidation } from './use-form-validation';

export function FlowForm() {
  const settings = useFormStore((s) => s.settings);
  const profileId = useCurrentProfileId();
  const hasStoredSecret = useCurrentHasSecret();
  const info = useAppInfoStore((s) => s.info);
  const upsertFlow = useFlowsStore((s) => s.upsert);
  const selectFlow = useUiStore((s) => s.selectFlow);

  // The typed secret belongs to the profile it was typed for; Save stores it, switching profiles forgets it.
  const typedSecret = useTypedSecret(profileId);
  const setTypedSecret = useSecretDraftStore((s) => s.setTyped);
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const [probeError, setProbeError] = useState<string | null>(null);
  const keychainAvailable = info?.keychain.available !== false;
  const hasClientSecret = chooseClientSecret({ typed: typedSecret, hasStored: hasStoredSecret, keychainAvailable }).source !== 'none';
  const signingKeyAlg = useSigningKeyAlg(profileId);
  const validation = useFormValidation(settings, info?.authorizeModes, { hasClientSecret, ...(signingKeyAlg ? { signingKeyAlg } : {}) });
  const challenge = useChallenge(settings.codeVerifier, settings.codeChallengeMethod);

  const focusFirstError = (errors: Map<string, string[]>) => {
    const first = firstErrorField(errors);
    if (!first) return;
    // Open the disclosure first so the field can take focus.
    if (ADVANCED_FIELDS.has(first)) flushSync(() => setAdvancedOpen(true));
    document.getElementById(fieldId(first))?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    flushSync(() => validation.markSubmitted());
    if (validation.errors.size > 0) {
      focusFirstError(validation.errors);
      return;
    }
    setStarting(true);
    try {
      const clientSecret = chooseClientSecret({ typed: typedSecret, hasStored: hasStoredSecret, keychainAvailable });
      const snapshot = await getApi().startFlow({ settings, profileId, clientSecret });
      useSecretDraftStore.getState().clearRefusal();
      upsertFlow(snapshot);
      selectFlow(snapshot.flowId);
      // Browser mode: the page opens the sign-in tab itself; the link in the status panel covers popup blockers.
      if (snapshot.openedBy === 'renderer' && snapshot.status === 'awaiting-redirect') window.open(snapshot.authorizationUrl, '_blank', 'noopener');
    } catch (err) {
      // invalid_settings: the settings check in main; invalid_input: the contract's schema (e.g. a length out of range).
      if (err instanceof ApiError && (err.code === 'invalid_settings' || err.code === 'invalid_input') && err.fields?.length) {
        const fields = err.fields;
        flushSync(() => validation.setServerErrors(fields));
        focusFirstError(issuesByField({ errors: fields, warnings: [] }).errors);
      }
      // The stored secret may not go to this Access Token URL: said at the Client Secret field, once.
      if (err instanceof ApiError && err.code === 'secret_endpoint_changed' && profileId) {
        flushSync(() => useSecretDraftStore.getState().refuse({ profileId, message: err.message }));
        document.getElementById('field-clientSecret')?.focus();
        return;
      }
      setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setStarting(false);
    }
  };

  const errorCount = validation.errors.size;
  const showCount = errorCount > 0 && validation.submitted;

  return (
    <FormIssuesContext.Provider value={validation.formIssues}>
      <form className="flow-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="flow-form-title">
        <h2 id="flow-form-title">Configure New Token</h2>
        <TextField field="tokenName" label="Token Name" />
        <div className="field">
          <label htmlFor="field-grantType">Grant Type</label>
          <input id="field-grantType" type="text" readOnly value="Authorization Code (With PKCE)" />
        </div>
        <AuthorizeModeField />
        <CallbackField />
        <IssuerField />
        <TextField field="authUrl" label="Auth URL" monospace placeholder="https://idp.example.com/oauth2/authorize" />
        <TextField field="accessTokenUrl" label="Access Token URL" monospace placeholder="https://idp.example.com/oauth2/token" />
        <TextField field="clientId" label="Client ID" monospace />
        <ClientSecretField typed={typedSecret} onTypedChange={(value) => setTypedSecret(profileId, value)} />
        <SelectField
          field="codeChallengeMethod"
          label="Code Challenge Method"
          options={[
            { value: 'S256', label: 'SHA-256' },
            { value: 'plain', label: 'Plain' },
          ]}
        />
        <CodeVerifierField challenge={challenge} />
        <TextField field="scope" label="Scope" placeholder="openid profile" hint="Space-separated; openid also asks for an ID token and a nonce is sent." />
        <TextField field="state" label="State" monospace placeholder="Random for each flow" hint="Empty: a random state per flow, checked on the way back." />
        <SelectField
          field="clientAuthentication"
          label="Client Authentication"
          options={[
            { value: 'basic', label: 'Send as Basic Auth header' },
            { value: 'body', label: 'Send client credentials in body' },
            { value: 'private_key_jwt', label: 'private_key_jwt' },
            { value: 'client_secret_jwt', label: 'client_secret_jwt' },
            ...TLS_CLIENT_AUTHENTICATIONS.map((method) => ({ value: method, label: method })),
          ]}
        />
        <ClientAssertionFields />
        <AdvancedSection open={advancedOpen} onToggle={setAdvancedOpen} />
        <div className="form-actions">
          <button type="submit" className="primary" aria-busy={starting || undefined} aria-describedby="form-status">
            Get New Access Token
          </button>
          <ProbeButton onError={setProbeError} />
          <span id="form-status" className={showCount ? 'field-errors' : 'muted'} role="status">
            {starting ? 'Starting…' : showCount ? `${errorCount} field${errorCount === 1 ? '' : 's'} to fix before a flow can start.` : ''}
          </span>
        </div>
        <ProbePanel error={probeError} />
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
      </form>
      <FlowPkceSteps formChallenge={challenge} />
    </FormIssuesContext.Provider>
  );
}
