/** A set's ground rules, one per line as the facilitator wrote them, as a list. */
export function GroundRulesList({ rules }: { rules: string }) {
  return (
    <ul className="rules">
      {rules
        .split('\n')
        .filter((line) => line.trim())
        .map((line, index) => (
          <li key={index}>{line}</li>
        ))}
    </ul>
  );
}
