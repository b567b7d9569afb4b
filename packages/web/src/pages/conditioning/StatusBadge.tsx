// A conditioning plan version's status (draft until verified by a second physician; ADR 0530).
import { CONDITIONING_PLAN_STATUSES, type ConditioningPlanStatus } from '@engraft/domain';
import { Badge } from '@mantine/core';

const STATUS_COLORS: Record<ConditioningPlanStatus, string> = {
  draft: 'yellow',
  active: 'teal',
  superseded: 'gray',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: ConditioningPlanStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'active' ? 'filled' : 'light'} size="lg">
      {CONDITIONING_PLAN_STATUSES[status]}
    </Badge>
  );
}
