/** Page layouts the HTML renderer knows. */
export type Paper = '80mm' | 'a4'

// 80 mm rolls print about 72 mm wide (the head is 576 dots at 203 dpi). The page height of a roll
// is the content's height: the caller measures it and passes it to printToPDF / print (a CSS page
// cannot say "as long as the content"), so the @page rule here only fixes the width and margins.
const ROLL = `
@page { margin: 0; }
body { font-size: 9pt; }
.receipt { width: 72mm; padding: 3mm 4mm 6mm; }
.qr svg { width: 36mm; }
`

const A4 = `
@page { size: A4; margin: 10mm 12mm; }
body { font-size: 9.5pt; }
/* The sheet's full width (A4 less margins): the tax invoice with its Rule 46 rows and the DPDP
   lines keeps to one page. */
.receipt { max-width: 180mm; padding: 0; }
.qr svg { width: 30mm; }
h1 { font-size: 1.7em; }
.sections { column-count: 2; column-gap: 12mm; margin-top: 0.4em; }
section { break-inside: avoid; }
section > h3:first-child { margin-top: 0.2em; }
/* The key terms run under both columns, so the invoice with its Rule 46 rows keeps to one sheet. */
.sections > section:has(ol) { column-span: all; }
/* The last section (the DPDP lines and the kiosk's trail) may flow on into the second column:
   that room keeps a B2B invoice, with its recipient's rows, to one sheet. */
.sections > section:last-child { break-inside: auto; }
.sections > section:last-child > * { break-inside: avoid; }
`

const BASE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body {
  font-family: "Noto Sans", "Noto Sans Devanagari", "Nirmala UI", "Mangal", Arial, sans-serif;
  line-height: 1.35;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.receipt { margin: 0 auto; }
h1 { font-size: 1.45em; text-align: center; margin: 0 0 0.15em; line-height: 1.2; }
h2 { text-align: center; margin: 0.3em 0 0.1em; font-size: 1.2em; }
h3 {
  font-size: 1.05em; margin: 0.8em 0 0.25em; padding-bottom: 0.1em; border-bottom: 1px solid #000;
}
p { margin: 0.15em 0; }
p.center { text-align: center; }
p.right { text-align: right; }
p.bold { font-weight: 700; }
p.small { font-size: 0.85em; }
p.large { font-size: 1.3em; font-weight: 700; }
.kv { display: flex; justify-content: space-between; align-items: baseline; gap: 0.8em; margin: 0.1em 0; }
.kv .l { flex: 1 1 0; min-width: 0; }
/* Values keep their natural width (amounts never break; no-break spaces glue "₹ 9,799 (70%)")
   up to two thirds of the line, then wrap at spaces. */
.kv .v { flex: 0 0 auto; max-width: 66%; text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
.kv.em { font-weight: 700; font-size: 1.1em; }
hr { border: 0; margin: 0.45em 0; }
hr.single { border-top: 1px dashed #000; }
hr.double { border-top: 3px double #000; }
.notice {
  border: 2.5px solid #000; text-align: center; font-weight: 800; letter-spacing: 0.06em;
  padding: 0.3em 0.4em; margin: 0.4em 0; font-size: 1.1em;
}
.qr { text-align: center; margin: 0.4em 0; }
.qr svg { height: auto; display: block; margin: 0 auto; }
.qr .caption { font-size: 0.85em; }
.signature { margin: 0.4em 0; }
.signature img { display: block; height: 16mm; width: auto; max-width: 60mm; border-bottom: 1px solid #000; }
.signature figcaption { font-size: 0.8em; }
ol { margin: 0.2em 0; padding-left: 1.4em; }
li { margin: 0.12em 0; }
table { width: 100%; border-collapse: collapse; margin: 0.2em 0; font-variant-numeric: tabular-nums; }
th, td { padding: 0.1em 0.2em; }
th { border-bottom: 1px solid #000; font-weight: 700; }
.left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
`

/** The inline stylesheet of one paper layout. */
export function receiptCss(paper: Paper): string {
  return BASE + (paper === 'a4' ? A4 : ROLL)
}
