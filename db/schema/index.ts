export * from './platform';
export * from './catalog';
export * from './tenant-plane';
