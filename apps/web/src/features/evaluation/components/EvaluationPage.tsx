import { Link, useParams } from 'react-router';
import { ApiError } from '@web/api/client';
import { ConfidentialityCountsPanel } from '@web/features/badges/components/ConfidentialityCountsPanel';
import { useEvaluation, useEvaluationTrends } from '@web/features/evaluation/api/evaluation';
import { useSet } from '@web/features/sets/api/sets';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { AuditLog } from './AuditLog';
import { PracticeBadge } from '@web/features/sets/components/PracticeBadge';
import { EvaluationView } from './EvaluationView';
import { TrendsView } from './TrendsView';

/** The set's evaluation for its facilitators and sponsors: figures over its life, never content. */
export function EvaluationPage() {
  const { setId = '' } = useParams();
  const set = useSet(setId);
  const evaluation = useEvaluation(setId);
  const trends = useEvaluationTrends(setId, evaluation.isSuccess);
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
      {set.data.practice && (
        <p className="alert alert--warning" role="note">
          <PracticeBadge /> These are a practice set’s figures (a demonstration or training): they are not counted in any organisation’s figures.
        </p>
      )}
      <p className="lead">How the set is working, in figures only: no case, question or comment is ever shown here.</p>
      <EvaluationView data={evaluation.data} facilitator={facilitator} />
      {trends.isPending && <Loading what="the figures over time" />}
      {trends.isError && <LoadError error={trends.error} />}
      {trends.data && <TrendsView data={trends.data} setId={setId} />}
      <ConfidentialityCountsPanel setId={setId} facilitating={facilitator} />
      {facilitator && <AuditLog setId={setId} />}
    </Page>
  );
}
