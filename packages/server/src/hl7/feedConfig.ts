/** Which centre a feed belongs to, and how its messages are read (ADR 0701). */
export interface Hl7FeedConfig {
  /** TCP port of the MLLP listener (ENGRAFT_MLLP_PORT); the listener is off without it. */
  port: number;
  host: string;
  /** Centre (by name) of messages from any sending facility not in `facilityCentres` (ENGRAFT_MLLP_CENTRE). */
  defaultCentre: string | undefined;
  /** MSH-4 sending facility → centre name (ENGRAFT_MLLP_FACILITIES="CITYHOSP=Centre A,NORTH=Centre B"). */
  facilityCentres: Record<string, string>;
  /** PID-3 assigning authority (CX-4 namespace or OID) of the MRN (ENGRAFT_MLLP_MRN_AUTHORITY). */
  mrnAuthority: string | undefined;
  /** Largest message accepted, in bytes (ENGRAFT_MLLP_MAX_BYTES, default 1 MiB). */
  maxMessageBytes: number;
  /** A connection idle this long is closed (ENGRAFT_MLLP_IDLE_SECONDS, default 300). */
  idleTimeoutMs: number;
}

/** The centre name of a sending facility, or undefined when the feed is not configured for it. */
export function centreNameOf(
  cfg: Pick<Hl7FeedConfig, 'defaultCentre' | 'facilityCentres'>,
  facility: string
): string | undefined {
  return Object.hasOwn(cfg.facilityCentres, facility) ? cfg.facilityCentres[facility] : cfg.defaultCentre;
}

/** "FAC=Centre name,FAC2=Other" → { FAC: 'Centre name', FAC2: 'Other' }; a malformed pair throws naming it. */
export function parseFacilityCentres(v: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v?.trim()) return out;
  for (const pair of v.split(',')) {
    const i = pair.indexOf('=');
    const facility = pair.slice(0, i).trim();
    const centre = pair.slice(i + 1).trim();
    if (i < 1 || !facility || !centre) {
      throw new Error(`ENGRAFT_MLLP_FACILITIES: "${pair.trim()}" is not FACILITY=Centre name`);
    }
    out[facility] = centre;
  }
  return out;
}
