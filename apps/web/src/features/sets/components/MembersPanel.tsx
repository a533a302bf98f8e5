import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SET_ROLES, type SetDetailResponse, type SetMemberResponse, type SetRole } from '@als/shared';
import { useChangeRole, useHandOver, useRemoveMember } from '@web/features/sets/api/sets';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { FormError } from '@web/ui/FormError';
import { ROLE_LABELS } from '@web/features/sets/labels';

function RoleEditor({ setId, member, onError }: { setId: string; member: SetMemberResponse; onError: (error: unknown) => void }) {
  const [role, setRole] = useState<SetRole>(member.role);
  const change = useChangeRole(setId);
  const id = `role-${member.userId}`;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate({ userId: member.userId, role }, { onError });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Role of {member.displayName}
      </label>
      <select id={id} value={role} onChange={(e) => setRole(e.target.value as SetRole)}>
        {SET_ROLES.map((value) => (
          <option key={value} value={value}>
            {ROLE_LABELS[value]}
          </option>
        ))}
      </select>
      {role !== member.role && (
        <button type="submit" className="button button--small" disabled={change.isPending}>
          Change role
        </button>
      )}
    </form>
  );
}

/** Who is in the set; facilitators change roles, hand over, and remove people. Everyone can leave. */
export function MembersPanel({ set, myId }: { set: SetDetailResponse; myId: string }) {
  const navigate = useNavigate();
  const remove = useRemoveMember(set.id);
  const handOver = useHandOver(set.id);
  const [error, setError] = useState<unknown>(null);
  const facilitating = set.role === 'facilitator';
  const facilitators = set.members.filter((m) => m.role === 'facilitator').length;
  const lastFacilitator = facilitating && facilitators === 1;

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">Members ({set.members.length})</h2>
      <FormError error={error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            {facilitating && <th scope="col">E-mail</th>}
            <th scope="col">Role</th>
            {facilitating && <th scope="col">Manage</th>}
          </tr>
        </thead>
        <tbody>
          {set.members.map((member) => {
            const isMe = member.userId === myId;
            return (
              <tr key={member.userId}>
                <th scope="row">
                  {member.displayName}
                  {isMe && <span className="muted"> (you)</span>}
                </th>
                {facilitating && <td>{member.email}</td>}
                <td>{facilitating && !isMe ? <RoleEditor key={member.role} setId={set.id} member={member} onError={setError} /> : ROLE_LABELS[member.role]}</td>
                {facilitating && (
                  <td>
                    <div className="actions">
                    {!isMe && member.role === 'member' && (
                      <ConfirmButton
                        label="Hand over facilitation"
                        confirmLabel={`Yes, ${member.displayName} facilitates`}
                        disabled={handOver.isPending}
                        onConfirm={() => {
                          setError(null);
                          handOver.mutate(member.userId, { onError: setError });
                        }}
                      />
                    )}
                    {!isMe && (
                      <ConfirmButton
                        label="Remove"
                        confirmLabel={`Yes, remove ${member.displayName}`}
                        disabled={remove.isPending}
                        onConfirm={() => {
                          setError(null);
                          remove.mutate(member.userId, { onError: setError });
                        }}
                      />
                    )}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="panel__footer">
        {lastFacilitator ? (
          <p className="muted" id="leave-note">
            You are the only facilitator. To leave, first hand over facilitation or make someone else a facilitator.
          </p>
        ) : (
          <ConfirmButton
            label="Leave this set"
            confirmLabel="Yes, leave the set"
            disabled={remove.isPending}
            onConfirm={() => {
              setError(null);
              remove.mutate(myId, { onSuccess: () => navigate('/', { replace: true }), onError: setError });
            }}
          />
        )}
      </div>
    </section>
  );
}
