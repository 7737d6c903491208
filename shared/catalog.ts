// The catalog schema lives in shared/domain, the one vocabulary (docs/architecture.md#imports);
// this path stays for the parts that import it.
export * from './domain/catalog'
