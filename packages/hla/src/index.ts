// Public surface of @engraft/hla: HLA nomenclature (GL strings, allele names, MACs, serology) and
// reduction/expansion against IPD-IMGT/HLA releases. Browser-safe: file loaders are in '@engraft/hla/node'.
// Everything else in src/ is internal.
export { HlaError, isHlaError } from './errors';
export type { HlaErrorCode, HlaWarning, HlaWarningCode } from './errors';
export { GL_OPERATORS, glNames, parseGl, serializeGl } from './gl';
export type { GlList, GlName, GlNode, GlOperator } from './gl';
export { EXPRESSION_SUFFIXES, parseTypingName, truncateAllele } from './name';
export type { NameKind, TypingName } from './name';
export { compareNatural, sortUnique } from './naturalSort';
export { REDUCTION_LEVELS, isReductionLevel } from './options';
export type { HlaOptions, ReductionLevel, ResolvedOptions } from './options';
export { buildRelease } from './release';
export type { HlaRelease, ImgtFiles } from './release';
export { parseMd5Checksums, parseVersionHeader } from './imgt/parseFiles';
export type { DeletedName, TceAssignment, TceRow } from './imgt/parseFiles';
export { ATLAS_FAKE_MACS, MacDictionary, parseMacCsv, parseMacFile, parseMacNumer } from './mac/macDictionary';
export type { MacEntry } from './mac/macDictionary';
export { encodeMac } from './mac/encodeMac';
export { HlaEngine, createHlaEngine, expand, reduce, validate } from './engine';
export type { EngineInput, ValidationResult } from './engine';
export type { Resolution, Unit } from './resolve';
export { serologyFamily } from './serology';
export type { SerologyFamily } from './serology';
export { dpb1TceGroup } from './tce';
export type { TceResult, TceVersion } from './tce';
export { encodeAlleleList } from './features/macEncodeList';
export type { MacEncoding } from './features/macEncodeList';
export { serologyLookup, serologyToXx } from './features/serologyLookup';
export type { SerologyLookup } from './features/serologyLookup';
export { CIWD_CATEGORIES, CIWD_POPULATIONS, CwdReducer, parseCwdTable } from './features/cwd';
export type { CiwdCategory, CiwdPopulation, CiwdSelection, CwdReduction, CwdTable } from './features/cwd';
export { DRBX_LOCI, checkDrbx, drbxOfDrb1 } from './features/drbx';
export type { DrbxCheck, DrbxExpectation, DrbxFinding, DrbxLocus } from './features/drbx';
export { HML_METHODS, HML_NAMESPACES, parseHml } from './hml/parseHml';
export type { HmlDocument, HmlLocusTyping, HmlMethod, HmlOptions, HmlSample } from './hml/parseHml';
export { HmlError, isHmlError } from './hml/hmlError';
