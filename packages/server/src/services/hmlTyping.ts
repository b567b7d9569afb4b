import type { HmlUpload } from '@engraft/domain';
import { isHmlError, parseHml } from '@engraft/hla';
import { invalid } from '../errors';

/** The typing of one HML sample, ready to store (ADR 0108). */
export interface HmlTyping {
  glString: string;
  sampleId: string;
  /** Releases the lab named (`allele-version`), comma-separated when loci differ. */
  release: string | null;
  /** Typing methods of the loci, comma-separated (sbt-ngs, sso, …). */
  methods: string;
  /** The earliest `typing@date` of the sample, if any. */
  typingDate: string | null;
}

/**
 * Reads an uploaded HML file and picks the sample: the one named by `sampleId`, or the only one. Names are
 * checked for syntax here and against the release by the caller's one typing validation path.
 * @throws EngraftError invalid on `content` (with the file's line and element) or `sampleId`.
 */
export function typingFromHml(upload: HmlUpload): HmlTyping {
  let samples;
  try {
    samples = parseHml(upload.content).samples;
  } catch (err) {
    if (isHmlError(err)) throw invalid('content', `${upload.fileName}: ${err.message}`);
    throw err;
  }
  const ids = samples.map((s) => s.id);
  let sample = samples[0];
  if (upload.sampleId !== undefined) {
    sample = samples.find((s) => s.id === upload.sampleId);
    if (!sample) {
      throw invalid(
        'sampleId',
        `sample '${upload.sampleId}' is not in ${upload.fileName} (it holds ${ids.join(', ')})`
      );
    }
  } else if (samples.length > 1) {
    throw invalid('sampleId', `${upload.fileName} holds ${samples.length} samples (${ids.join(', ')}); name one`);
  }
  if (!sample) throw invalid('content', `${upload.fileName} holds no sample`);
  const unique = (xs: (string | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))].sort();
  const dates = unique(
    sample.loci.map((l) => (l.date && /^\d{4}-\d{2}-\d{2}/.test(l.date) ? l.date.slice(0, 10) : undefined))
  );
  return {
    glString: sample.gl,
    sampleId: sample.id,
    release: unique(sample.loci.map((l) => l.release)).join(',') || null,
    methods: unique(sample.loci.map((l) => l.method)).join(','),
    typingDate: dates[0] ?? null,
  };
}
