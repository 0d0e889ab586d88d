// Which verifier the step-by-step panel explains: the form's own (typed or generated), else the one
// generated for the selected flow, masked like the trace until secrets are revealed.
import { useFlowsStore } from '../../store/flows-store';
import { useFormStore } from '../../store/form-store';
import { useUiStore } from '../../store/ui-store';
import { PkceSteps } from './PkceSteps';
import type { ChallengeResult } from './use-challenge';

export function FlowPkceSteps({ formChallenge }: { formChallenge: ChallengeResult | null }) {
  const verifier = useFormStore((s) => s.settings.codeVerifier);
  const selectedFlowId = useUiStore((s) => s.selectedFlowId);
  const reveal = useUiStore((s) => s.revealSecrets);
  const flow = useFlowsStore((s) => (selectedFlowId ? s.flows[selectedFlowId] : undefined));

  if (verifier !== '') return <PkceSteps explained={formChallenge?.ok ? formChallenge.explained : null} source="For the Code Verifier in the form." />;
  return (
    <PkceSteps
      explained={flow?.pkce ?? null}
      source={flow ? `For the verifier of the flow "${flow.tokenName}" started ${new Date(flow.startedAt).toLocaleTimeString()}.` : ''}
      maskVerifier={!reveal}
    />
  );
}
