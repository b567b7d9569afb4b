export * from './days';
export * from './rule';
export * from './cart/crs';
export * from './cart/ice';
export * from './cart/icans';
