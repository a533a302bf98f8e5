import { formatDay, type SetContractResponse } from '@als/shared';
import { useAcceptContract, useSetContract } from '@web/features/contract/api/contract';
import { FormError } from '@web/ui/FormError';
import { GroundRulesList } from '@web/ui/GroundRulesList';

/**
 * The set's ground rules as agreed (DOMAIN.md, "Contracting"): the text in force, an invitation
 * to accept the current version for someone who was not at the meeting that agreed it, and the
 * history of versions with their date and who was present.
 */
export function SetContract({ setId, fallback }: { setId: string; fallback: string }) {
  const contract = useSetContract(setId);
  const data = contract.data;
  if (!data) return <GroundRulesList rules={fallback} />;
  return (
    <>
      <GroundRulesList rules={data.text} />
      {data.current ? (
        <p className="muted">
          Version {data.current.version}, agreed {formatDay(data.current.agreedAt)} by {names(data.current.present)}.
        </p>
      ) : (
        <p className="muted">Not yet agreed in a meeting: the set agrees them in the contracting step of its first session.</p>
      )}
      {data.mine.needsAcceptance && data.current && <AcceptCurrent setId={setId} contract={data} />}
      {data.versions.length > 1 && (
        <details>
          <summary>Earlier versions ({data.versions.length - 1})</summary>
          <ol reversed aria-label="Earlier versions">
            {data.versions.slice(1).map((v) => (
              <li key={v.version}>
                <p>
                  Version {v.version}, agreed {formatDay(v.agreedAt)} by {names(v.present)}
                  {v.acceptedBy.length > 0 && `; accepted later by ${names(v.acceptedBy)}`}.
                </p>
                <GroundRulesList rules={v.text} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

const names = (people: { displayName: string }[]) => people.map((p) => p.displayName).join(', ') || 'nobody recorded';

function AcceptCurrent({ setId, contract }: { setId: string; contract: SetContractResponse }) {
  const accept = useAcceptContract(setId);
  const version = contract.current!.version;
  return (
    <div className="alert alert--warning" role="region" aria-label="Accept the ground rules">
      <p>The set agreed these ground rules (version {version}) at a meeting you were not at. Read them and accept them to keep taking part on the same terms.</p>
      <FormError error={accept.error} />
      <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate({ version })}>
        I accept version {version}
      </button>
    </div>
  );
}
