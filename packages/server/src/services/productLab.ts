// The processing laboratory's use cases (issue 7; ADR 0510), one file per group: each is one transaction = the
// product change, its product_event (who/when), an episode timeline event where the step matters to the care team,
// and the audit event. Routes and the demo seed import them from here.
export { isAutologous, type LabClock, productName } from './productLabCommon';
export { getProductDetail, labWorklist, listEpisodeProducts, type ProductDetail } from './productLabDetail';
export { registerProduct } from './productLabRegister';
export { processStep, recordQc, store, thaw } from './productLabProcessing';
export { authoriseExceptionalRelease, confirmRelease, requestRelease } from './productLabRelease';
export { cancelDiscard, confirmDiscard, requestDiscard } from './productLabDiscard';
export { labelPrinted, receive, ship } from './productLabShipping';
