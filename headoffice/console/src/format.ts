/** Integer paise as rupees for people (₹1,23,456, Indian grouping). */
export function rupees(paise: number): string {
  return new Intl.NumberFormat('en-IN', {
    style: 'currency',
    currency: 'INR',
    maximumFractionDigits: 0,
  }).format(Math.round(paise / 100))
}

/** An instant (epoch ms) as a short date-time in India's time zone. */
export function when(ms: number | null): string {
  if (ms === null) return '—'
  return new Intl.DateTimeFormat('en-IN', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Kolkata',
  }).format(ms)
}

/** "1 plan", "3 plans": a count with its noun (English plurals by -s). */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
