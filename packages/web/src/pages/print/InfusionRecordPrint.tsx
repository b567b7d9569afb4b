// Printable infusion record of an episode (issue 18), from the recorded infusions: the bag (DIN, product), start
// and end, volume, reactions, the dose per kg, and both bedside signatures (the two people who checked the patient
// and the bag, ADR 0540), with the patient on every page.
import { BedsideOverviewSchema, INFUSION_REACTIONS } from '@engraft/domain';
import { Group, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { dayZeroOf, episodeTypeLabel, formatDate, formatDateTime, formatUnit, todayDayLabel } from '../../format';
import { HeaderFact, PrintSheet } from './PrintSheet';
import { usePrintData } from './usePrintData';

/** The measure as the bedside page names it. */
const MEASURES: Record<string, string> = { cd34: 'CD34+', tnc: 'TNC', 'car-positive-viable-t': 'CAR+ viable T cells' };

export function InfusionRecordPrint() {
  const { episodeId = '' } = useParams();
  const { data, error } = usePrintData(`/episodes/${episodeId}/bedside`, BedsideOverviewSchema);
  const p = data?.patient;
  return (
    <PrintSheet
      title="Infusion record"
      back={{ to: `/episodes/${episodeId}/bedside`, label: 'Bedside infusion' }}
      error={error}
      loading={!data}
      header={
        data &&
        p && (
          <div>
            <Text fw={750}>{p.name}</Text>
            <HeaderFact term="MRN" value={p.mrn} />
            <HeaderFact term="Born" value={formatDate(p.dateOfBirth)} />
            <HeaderFact term="ABO/Rh" value={p.aboRh} />
            <HeaderFact term="Weight" value={p.weightKg != null ? `${p.weightKg} kg` : '—'} />
            <HeaderFact
              term={episodeTypeLabel(data.episode.type)}
              value={todayDayLabel(data.today, dayZeroOf(data.episode).date)}
            />
          </div>
        )
      }
    >
      {data && data.infusions.length === 0 && <Text>No infusion recorded for this episode.</Text>}
      {data?.infusions.map((i, n) => (
        <section key={i.id} aria-label={`Infusion ${n + 1}`} style={{ breakInside: 'avoid', marginTop: 12 }}>
          <Title order={2} fz="md" mb={4}>
            Infusion {n + 1}: {i.product.description}
          </Title>
          <table className="sheet-table">
            <tbody>
              <tr>
                <th scope="row">Bag</th>
                <td>
                  DIN {i.product.din} · product code {i.product.productCode}
                  {i.product.division ? ` · division ${i.product.division}` : ''}
                </td>
              </tr>
              <tr>
                <th scope="row">Started (UTC)</th>
                <td>
                  {formatDateTime(i.startedAt)} by {i.startedBy}
                </td>
              </tr>
              <tr>
                <th scope="row">Ended (UTC)</th>
                <td>
                  {i.endedAt ? `${formatDateTime(i.endedAt)}${i.completedBy ? ` by ${i.completedBy}` : ''}` : 'running'}
                </td>
              </tr>
              <tr>
                <th scope="row">Volume infused</th>
                <td>{i.volumeMl != null ? `${i.volumeMl} mL` : '—'}</td>
              </tr>
              <tr>
                <th scope="row">Reactions</th>
                <td>
                  {i.reactions.map((r) => INFUSION_REACTIONS[r]).join(', ') || '—'}
                  {i.reactionNote ? `: ${i.reactionNote}` : ''}
                </td>
              </tr>
              <tr>
                <th scope="row">Dose</th>
                <td>
                  {i.dose
                    ? i.dose.measures
                        .map((m) => `${MEASURES[m.measure]} ${m.value.toFixed(2)} ${formatUnit(m.unit)}`)
                        .join(' · ') + ` (for ${i.dose.weightKg} kg)`
                    : '—'}
                </td>
              </tr>
            </tbody>
          </table>
          <Group grow mt="sm" align="stretch">
            <div className="signature-box">
              <Text fz="xs" c="dimmed" tt="uppercase" fw={700}>
                Bedside check performed by
              </Text>
              <Text fw={650}>{i.checkedBy}</Text>
            </div>
            <div className="signature-box">
              <Text fz="xs" c="dimmed" tt="uppercase" fw={700}>
                Independently confirmed by
              </Text>
              <Text fw={650}>{i.confirmedBy}</Text>
            </div>
          </Group>
        </section>
      ))}
    </PrintSheet>
  );
}
