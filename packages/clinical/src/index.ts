export * from './days';
export * from './rule';
export * from './cart/crs';
export * from './cart/ice';
export * from './cart/icans';
export * from './gvhd/acute';
export * from './gvhd/chronic';
