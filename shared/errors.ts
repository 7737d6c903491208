// The error codes live in shared/domain, the one vocabulary (docs/architecture.md#errors-are-values);
// this path stays for the parts that import it.
export * from './domain/errors'
