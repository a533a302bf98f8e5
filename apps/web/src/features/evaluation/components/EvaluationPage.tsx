import { Link, useParams } from 'react-router';
import { ApiError } from '@web/api/client';
import { ConfidentialityCountsPanel } from '@web/features/badges/components/ConfidentialityCountsPanel';
import { useEvaluation } from '@web/features/evaluation/api/evaluation';
import { useSet } from '@web/features/sets/api/sets';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { AuditLog } from './AuditLog';
import { EvaluationView } from './EvaluationView';

/** The set's evaluation for its facilitators and sponsors: figures over its life, never content. */
export function EvaluationPage() {
  const { setId = '' } = useParams();
  const set = useSet(setId);
  const evaluation = useEvaluation(setId);
  if (set.isPending || evaluation.isPending) return <Loading what="the evaluation" />;
  if (set.isError) return <LoadError error={set.error} />;
  if (evaluation.isError) {
    const forbidden = evaluation.error instanceof ApiError && evaluation.error.status === 403;
    return (
      <Page title="Evaluation">
        {forbidden ? <p>The evaluation is for the set's facilitators and sponsors.</p> : <LoadError error={evaluation.error} />}
        <p>
          <Link to={`/sets/${setId}`}>Back to the set</Link>
        </p>
      </Page>
    );
  }
  const facilitator = set.data.role === 'facilitator';
  return (
    <Page title={`Evaluation: ${set.data.name}`} actions={<Link to={`/sets/${setId}`}>Back to the set</Link>}>
      <p className="lead">How the set is working, in figures only: no case, question or comment is ever shown here.</p>
      <EvaluationView data={evaluation.data} facilitator={facilitator} />
      <ConfidentialityCountsPanel setId={setId} facilitating={facilitator} />
      {facilitator && <AuditLog setId={setId} />}
    </Page>
  );
}
