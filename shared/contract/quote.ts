// A live quote of the assured value on a day and the value timeline are the program's vocabulary
// (shared/domain assuredValue, valueTimeline); the contract carries them as they are.
export { QuoteSchema, TimelineBandSchema } from '../domain/vocabulary'
export type { AssuredValueQuote as Quote } from '../domain/vocabulary'
