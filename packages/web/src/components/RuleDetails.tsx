// Which rule computed a result (its id and version, e.g. "cart-label-dose@1") and where it comes from, kept behind a
// small "Details" disclosure: the clinician reads the result and its explanation; the rule ids are there for the
// pharmacist, the auditor and the developer who look for them. Printing shows them (the record keeps provenance).
import { Text } from '@mantine/core';

export function RuleDetails({
  rules = [],
  source,
  label = 'Details',
}: {
  /** Rule ids with version, as the server returns them. */
  rules?: readonly (string | null | undefined)[];
  /** The publication or label the rule follows. */
  source?: string | undefined;
  label?: string;
}) {
  const ids = rules.filter((r): r is string => Boolean(r));
  if (ids.length === 0 && !source) return null;
  return (
    <details className="rule-details">
      <summary>
        <Text span fz="xs" c="dimmed">
          {label}
        </Text>
      </summary>
      <Text fz="xs" c="dimmed" mt={2}>
        {source && <>Source: {source}. </>}
        {ids.length > 0 && (
          <>
            {ids.length === 1 ? 'Rule' : 'Rules'}: <code>{ids.join(', ')}</code>
          </>
        )}
      </Text>
    </details>
  );
}
