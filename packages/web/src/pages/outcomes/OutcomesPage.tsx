// Programme outcomes: choose a cohort of infused episodes, an endpoint and a grouping; see Kaplan–Meier or
// cumulative-incidence curves with confidence bands, the numbers at risk, the log-rank or Gray test and a
// summary table; download the figure (SVG, PNG) and the data (CSV). The choices live in the address, so a
// figure can be bookmarked or shared with a colleague.
import { Alert, Button, Grid, Group, Loader, Paper, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api';
import { downloadCsv, downloadPng, downloadSvg } from '../../components/outcomes/exportFigure';
import { OutcomePlot } from '../../components/outcomes/OutcomePlot';
import { formatMedian, formatTest, outcomesCsv, type TimeUnit } from '../../components/outcomes/curves';
import { useOutcomes } from './api';
import { CohortForm } from './CohortForm';
import { apiSearch, cohortText, filterText, readQuery } from './outcomesQuery';
import { SummaryTable } from './SummaryTable';

export function OutcomesPage() {
  useDocumentTitle('Outcomes · Engraft');
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const unit: TimeUnit = params.get('unit') === 'days' ? 'days' : 'months';
  const bandsParam = params.get('bands');
  const rangeError = query.from && query.to && query.from > query.to ? 'The end date is before the start date' : null;
  const key = apiSearch(query);

  const outcomes = useOutcomes(key, !rangeError);
  const [exportFailure, setExportFailure] = useState<{ key: string; text: string } | null>(null);
  const exportError = exportFailure?.key === key ? exportFailure.text : null;
  const svgRef = useRef<SVGSVGElement>(null);
  const error =
    outcomes.isError && !rangeError
      ? {
          status: outcomes.error instanceof ApiError ? outcomes.error.status : 0,
          text: errorMessage(outcomes.error),
        }
      : null;
  const result = outcomes.data
    ? { ...outcomes.data, query: readQuery(new URLSearchParams(outcomes.data.search)) }
    : null;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v == null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const loading = !error && !rangeError && result?.search !== key;
  const data = result?.data;
  const shown = result?.query;
  // Bands are shown by default for one or two groups; with more they overlap into a blur (the switch still shows them).
  const showBands = bandsParam === 'on' || (bandsParam !== 'off' && (data?.groups.length ?? 1) <= 2);
  const testText = data ? formatTest(data.test) : null;
  const fileBase = shown
    ? `engraft-${shown.endpoint}${shown.groupBy === 'none' ? '' : `-by-${shown.groupBy}`}-${new Date().toISOString().slice(0, 10)}`
    : 'engraft-outcomes';
  const figureTitle = data
    ? `${data.endpoint.label} (${data.endpoint.name}, definition v${data.endpoint.version})`
    : '';
  const subtitle = data && shown ? cohortText(shown, data.n) : '';

  const exportPng = async () => {
    if (!svgRef.current) return;
    try {
      setExportFailure(null);
      await downloadPng(svgRef.current, `${fileBase}.png`);
    } catch (e) {
      setExportFailure({ key, text: errorMessage(e) });
    }
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Outcomes</Title>
        <Text c="dimmed" fz="sm" maw={900}>
          Survival and competing-risk analysis of your centre’s infused episodes. Time zero is day 0 (infusion);
          follow-up ends at the last recorded contact (censored) or at the event.
        </Text>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <CohortForm query={query} rangeError={rangeError} set={set} />
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" aria-busy={loading}>
              <Group justify="space-between" mb="sm" gap="sm">
                <Group gap="lg">
                  <div>
                    <Text fz="sm" fw={500} id="time-axis-label" mb={4}>
                      Time axis
                    </Text>
                    <SegmentedControl
                      size="xs"
                      role="radiogroup"
                      aria-labelledby="time-axis-label"
                      value={unit}
                      onChange={(v) => set({ unit: v === 'days' ? 'days' : null })}
                      data={[
                        { value: 'months', label: 'Months' },
                        { value: 'days', label: 'Days' },
                      ]}
                    />
                  </div>
                  <Switch
                    label="95% confidence bands"
                    checked={showBands}
                    onChange={(e) => set({ bands: e.currentTarget.checked ? 'on' : 'off' })}
                    mt="md"
                  />
                  {loading && <Loader size="sm" aria-label="Computing the curves" mt="md" />}
                </Group>
                <Group gap="xs" role="group" aria-label="Downloads">
                  <DownloadButton
                    disabled={!data?.n}
                    onClick={() => svgRef.current && downloadSvg(svgRef.current, `${fileBase}.svg`)}
                  >
                    Figure (SVG)
                  </DownloadButton>
                  <DownloadButton disabled={!data?.n} onClick={() => void exportPng()}>
                    Figure (PNG)
                  </DownloadButton>
                  <DownloadButton
                    disabled={!data?.n}
                    onClick={() => data && downloadCsv(outcomesCsv(data), `${fileBase}.csv`)}
                  >
                    Data (CSV)
                  </DownloadButton>
                </Group>
              </Group>
              {exportError && (
                <Alert color="red" mb="sm" title="Could not export the figure" role="alert">
                  {exportError}
                </Alert>
              )}
              {error?.status === 403 ? (
                <Alert color="yellow" title="Outcomes are not available to your role" role="alert">
                  Programme outcomes are shown to physicians, coordinators, data managers, auditors and administrators.
                </Alert>
              ) : error ? (
                <Alert color="red" title="Could not compute the outcomes" role="alert">
                  {error.text}
                </Alert>
              ) : rangeError ? (
                <Alert color="yellow" title="Check the dates">
                  The “Day 0 to” date is before the “Day 0 from” date.
                </Alert>
              ) : !data ? (
                <Text c="dimmed" py="xl" ta="center">
                  Computing the curves…
                </Text>
              ) : data.n === 0 ? (
                <Alert color="blue" title="No infused episodes in this cohort" role="status">
                  {shown && filterText(shown)
                    ? `No infused episode matches this cohort (${filterText(shown)}). Widen it: all diseases or episode types, or a longer date range.`
                    : 'No episode of your centre has reached day 0 (infusion) yet.'}
                </Alert>
              ) : (
                <div style={{ opacity: loading ? 0.55 : 1, transition: 'opacity 120ms' }}>
                  <OutcomePlot
                    result={data}
                    unit={unit}
                    showBands={showBands}
                    title={figureTitle}
                    subtitle={subtitle}
                    svgRef={svgRef}
                  />
                </div>
              )}
            </Paper>

            {data && data.n > 0 && shown && (
              <Paper withBorder p="md" style={{ opacity: loading ? 0.55 : 1 }}>
                <Group justify="space-between" align="baseline" mb="xs">
                  <Title order={2} fz="h4">
                    Summary
                  </Title>
                  <Text fz="sm" fw={600} data-testid="outcome-test">
                    {testText ?? 'No test: a single group.'}
                  </Text>
                </Group>
                <SummaryTable data={data} unit={unit} />
                {data.medianFollowUp && (
                  <Text fz="sm" c="dimmed" mt="xs" data-testid="median-follow-up">
                    Median follow-up (reverse Kaplan–Meier):{' '}
                    {formatMedian(
                      {
                        median: data.medianFollowUp.median,
                        medianLower: data.medianFollowUp.lower,
                        medianUpper: data.medianFollowUp.upper,
                      },
                      unit
                    )}
                  </Text>
                )}
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function DownloadButton({ disabled, onClick, children }: { disabled: boolean; onClick: () => void; children: string }) {
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} aria-hidden />}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
