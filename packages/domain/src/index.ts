import './zodErrors';
export * from './dates';
export * from './roles';
export * from './diagnoses';
export * from './patients';
export * from './episodes';
export * from './auth';
export * from './problem';
