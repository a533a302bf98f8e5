/** Marks a practice set wherever it is shown: compressed time for demonstrations and training, not a real set. */
export function PracticeBadge() {
  return (
    <span className="badge badge--practice" title="A practice set, for demonstrations and training: its meetings and rounds may be in the past or minutes apart, and it is not counted in organisation figures.">
      Practice set
    </span>
  );
}
