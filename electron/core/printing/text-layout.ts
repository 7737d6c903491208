import type { Align } from '../receipts/document'

/** Word-wraps text to lines of at most `width` characters; overlong words are split. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/ +/).filter((w) => w.length > 0)) {
    let rest = word
    while (rest.length > width) {
      if (line) {
        lines.push(line)
        line = ''
      }
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    if (!line) line = rest
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`
    else {
      lines.push(line)
      line = rest
    }
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}

/** Pads a line to `width` by the alignment. */
export function pad(text: string, width: number, align: Align): string {
  const space = Math.max(0, width - text.length)
  if (align === 'right') return ' '.repeat(space) + text
  if (align === 'center') {
    const left = Math.floor(space / 2)
    return ' '.repeat(left) + text + ' '.repeat(space - left)
  }
  return text + ' '.repeat(space)
}

/**
 * A label and a right-aligned value. The value keeps its own line(s) on the right; the label
 * wraps in the space left of it, so amounts always line up at the right edge.
 */
export function keyValueLines(label: string, value: string, columns: number): string[] {
  const valueWidth = Math.min(value.length, Math.floor(columns * 0.6))
  const labelWidth = columns - valueWidth - 1
  const labels = wrap(label, labelWidth)
  const values = wrap(value, valueWidth)
  const rows = Math.max(labels.length, values.length)
  const out: string[] = []
  for (let i = 0; i < rows; i++) {
    out.push(
      pad(labels[i] ?? '', labelWidth, 'left') + ' ' + pad(values[i] ?? '', valueWidth, 'right'),
    )
  }
  return out.map((l) => l.trimEnd())
}

/** Column widths in characters from weights, one space between columns. */
export function columnWidths(weights: number[], columns: number): number[] {
  const usable = columns - (weights.length - 1)
  const total = weights.reduce((s, w) => s + w, 0)
  const widths = weights.map((w) => Math.max(1, Math.floor((usable * w) / total)))
  widths[0] = (widths[0] ?? 0) + usable - widths.reduce((s, w) => s + w, 0)
  return widths
}

/** Table rows laid out in fixed columns; cells wrap inside their column. */
export function tableLines(
  columns: Array<{ align: Align; weight: number }>,
  rows: string[][],
  width: number,
): string[] {
  const widths = columnWidths(
    columns.map((c) => c.weight),
    width,
  )
  const out: string[] = []
  for (const row of rows) {
    const cells = widths.map((w, i) => wrap(row[i] ?? '', w))
    const height = Math.max(...cells.map((c) => c.length))
    for (let line = 0; line < height; line++) {
      out.push(
        widths
          .map((w, i) => pad(cells[i]?.[line] ?? '', w, columns[i]?.align ?? 'left'))
          .join(' ')
          .trimEnd(),
      )
    }
  }
  return out
}

/** A numbered list with hanging indent. */
export function listLines(items: string[], width: number): string[] {
  const out: string[] = []
  items.forEach((item, i) => {
    const marker = `${i + 1}. `
    wrap(item, width - marker.length).forEach((line, j) => {
      out.push((j === 0 ? marker : ' '.repeat(marker.length)) + line)
    })
  })
  return out
}
