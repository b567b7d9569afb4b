// Public surface of @engraft/donors: donor registry records and import, a compact searchable index with
// snapshots, HLA matching grades with explanations, worker-thread search, and synthetic registries.
export { LOCI, MATCH_LOCI, isLocus, locusOfName } from './loci';
export type { Locus } from './loci';
export {
  ABO,
  AVAILABILITY,
  CordInfoSchema,
  DONOR_KINDS,
  DonorRecordSchema,
  PatientSchema,
  TypingSchema,
  birthYearOf,
} from './schema';
export type { CordInfo, DonorRecord, DonorRecordInput, Patient, Typing } from './schema';
export { TypingError, normalizeTyping, splitByLocus, typingToGl } from './typing';
export { checkTypingSyntax } from './typingSyntax';
export { Matcher, UnitTable, gradeSets } from './matcher';
export type {
  Dpb1Category,
  Dpb1Result,
  Grade,
  LocusMatch,
  MatchLevel,
  MatcherOptions,
  NullStatus,
  Position,
  PositionMatch,
  ResolvedLocus,
} from './matcher';
export { RANK_BITS, RANK_KEYS, SearchCriteriaSchema, cordCriteria, countedLoci, resolveCriteria } from './criteria';
export type { RankKey, SearchCriteria, SearchCriteriaInput } from './criteria';
export { BatchRejectedError, DonorIndex, countedMismatches } from './donorIndex';
export type { ApplyResult, ChangeBatch, DonorIndexOptions, IndexView, RecordError } from './donorIndex';
export { IndexWriter } from './writer';
export type { WriterOptions } from './writer';
export { SearchResult } from './searchResult';
export type { CordDose, CordPair, SearchHit } from './searchResult';
export { explainDonor } from './explain';
export type { DonorExplanation, LocusExplanation, PositionExplanation } from './explain';
export { CSV_COLUMNS, HeaderError, RowParser, importLines, splitCsv } from './importer';
export type { ImportError, ImportFormat, ImportIntoOptions, ImportOptions, ImportSummary } from './importer';
export { formatOf, importFile, readLines, readTextFile, writeLines } from './io';
export { frequencySetsOf, loadSnapshot, loadSnapshotAsync, readSnapshotHeader, writeSnapshot } from './snapshot';
export type {
  LoadProgress,
  SnapshotFrequencySet,
  SnapshotHeader,
  SnapshotInfo,
  WriteSnapshotOptions,
} from './snapshot';
export { referenceSearch } from './reference';
export type { ReferenceHit } from './reference';
export { RESOLUTION_MIX, RegistryGenerator, prng, toCsvLine } from './generator';
export type { GeneratorInput, Resolution } from './generator';
export { DonorSearchPool } from './pool';
export type { PoolOptions } from './pool';
export { analyseFamily } from './family/segregation';
export { FAMILY_LOCI, FAMILY_RELATIONS, FamilyMemberSchema, FamilyTypingSchema } from './family/familyTypes';
export type {
  FamilyAnalysis,
  FamilyFinding,
  FamilyLocus,
  FamilyMatch,
  FamilyMember,
  FamilyRelation,
  FamilyTyping,
  HaplotypeLabel,
  MemberResult,
} from './family/familyTypes';
export {
  DSA_LOCI,
  MfiThresholdsSchema,
  donorSpecificAntibodies,
  latestBeadResults,
  specificityLocus,
} from './family/dsa';
export type {
  AntigenOf,
  BeadResult,
  DsaHit,
  DsaLocus,
  DsaResult,
  DsaStrength,
  DsaTyping,
  MfiThresholds,
} from './family/dsa';
export { RankingWeightsSchema, rankRelatedDonors } from './family/relatedDonorRanking';
export type {
  CriterionScore,
  RankedDonor,
  RankingCriterion,
  RankingWeights,
  RecipientFacts,
  RelatedCandidate,
} from './family/relatedDonorRanking';
export { parseBeadCsv } from './family/beadCsv';
export { assessKir, haplotypeOfGenes, KIR_GENES } from './family/kir';
export type { KirAssessment, KirGene, KirGroup, KirHaplotype, KirTyping } from './family/kir';
export { kirLigandMismatch, ligandFromResidues, ligandOfAllele } from './family/kirLigand';
export type {
  AlleleLigand,
  KirLigand,
  KirLigandAssessment,
  LigandLocus,
  LigandTyping,
  ResiduesOf,
} from './family/kirLigand';
export {
  AlignmentFormatError,
  parseProteinAlignment,
  ProteinAlignmentReader,
  residuesLookup,
} from './family/kirLigandResidues';
export { KIR_LIGAND_ALIGNMENTS, loadKirLigandTable, readAlignmentFile } from './family/kirLigandFiles';
export type { KirLigandTable } from './family/kirLigandFiles';
export type { BeadCsvError, BeadCsvResult } from './family/beadCsv';
export { FrequencySetError, parseFrequencySet } from './probability/frequencySet';
export type {
  FrequencyIssue,
  FrequencyPopulation,
  FrequencyResolution,
  FrequencySet,
  ParseFrequencyOptions,
} from './probability/frequencySet';
export { loadFrequencySet } from './probability/frequencySetFile';
export { refineResolution, namesAtResolution } from './probability/resolution';
export { ImputationError, Imputer } from './probability/imputer';
export type { ImputationResult, ImputedGenotype, ImputerOptions } from './probability/imputer';
export { PROBABILITY_SCOPES, locusMismatches, matchProbability } from './probability/matchProbability';
export type {
  GenotypeDistribution,
  LocusProbabilities,
  MatchProbability,
  MismatchProbabilities,
  ScopeProbabilities,
} from './probability/matchProbability';
export {
  dpb1FromImputation,
  dpb1FromTyping,
  dpb1Probability,
  tceGroupOf,
  tceOutcome,
} from './probability/dpb1Probability';
export type { Dpb1Probability, Dpb1Weights } from './probability/dpb1Probability';
export {
  ImputationCache,
  DONOR_TOP,
  locusMatchProbabilities,
  probabilityBound,
  rankByProbability,
  rankByProbabilityOn,
} from './probability/probabilityRanking';
export { RankPool, RankPoolUnavailable } from './probability/rankPool';
export type { RankPoolOptions } from './probability/rankPool';
export type { EngineSource, ImputerSource } from './probability/rankWorker';
export type {
  AsyncScorer,
  ScorerSource,
  SearchStart,
  HitProbability,
  ProbabilityRankOptions,
  ProbabilityRanking,
  RankCandidate,
  RankedProbability,
} from './probability/probabilityRanking';
export { classCandidates } from './probability/classCandidates';
export type { ClassCandidates } from './probability/classCandidates';
