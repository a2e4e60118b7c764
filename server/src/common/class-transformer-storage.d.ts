// class-transformer exports its metadata storage only as a deep path without its own typings.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
