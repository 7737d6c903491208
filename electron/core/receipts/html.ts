import type { Block, ReceiptDocument } from './document'
import { receiptCss, type Paper } from './html-style'
import { qrSvg } from './qr'

export type { Paper } from './html-style'

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  paper: Paper
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`
    case 'text': {
      const classes = [block.align ?? 'left', block.bold ? 'bold' : '', block.size ?? '']
      return `<p class="${classes.filter(Boolean).join(' ')}">${escapeHtml(block.text)}</p>`
    }
    case 'kv':
      return (
        `<div class="kv${block.emphasis ? ' em' : ''}"><span class="l">${escapeHtml(block.label)}` +
        `</span><span class="v">${escapeHtml(block.value)}</span></div>`
      )
    case 'table': {
      const total = block.columns.reduce((s, c) => s + c.weight, 0)
      const head = block.columns
        .map(
          (c) =>
            `<th class="${c.align}" style="width:${((c.weight / total) * 100).toFixed(1)}%">` +
            `${escapeHtml(c.header)}</th>`,
        )
        .join('')
      const rows = block.rows
        .map(
          (row) =>
            '<tr>' +
            row
              .map(
                (cell, i) =>
                  `<td class="${block.columns[i]?.align ?? 'left'}">${escapeHtml(cell)}</td>`,
              )
              .join('') +
            '</tr>',
        )
        .join('')
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`
    }
    case 'separator':
      return `<hr class="${block.style}">`
    case 'qr': {
      const caption = block.caption ? `<div class="caption">${escapeHtml(block.caption)}</div>` : ''
      return `<div class="qr">${qrSvg(block.payload, escapeHtml(block.payload))}${caption}</div>`
    }
    case 'notice':
      return `<div class="notice" role="note">${escapeHtml(block.text)}</div>`
    case 'list':
      return `<ol>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ol>`
    case 'signature': {
      // base64 only: nothing of the document's text reaches the attribute.
      const png = block.pngBase64.replace(/[^A-Za-z0-9+/=]/g, '')
      const caption = escapeHtml(block.caption)
      return `<figure class="signature"><img src="data:image/png;base64,${png}" alt="${caption}"><figcaption>${caption}</figcaption></figure>`
    }
  }
}

/**
 * Groups blocks for the page layout: the header before the first section heading, one group per
 * section, and the trailing banners. On A4 the sections flow in two columns; on a roll they stack.
 */
function splitSections(blocks: Block[]): { header: Block[]; sections: Block[][]; footer: Block[] } {
  let end = blocks.length
  while (end > 0 && blocks[end - 1]?.type === 'notice') end--
  const header: Block[] = []
  const sections: Block[][] = []
  for (const block of blocks.slice(0, end)) {
    if (block.type === 'heading' && block.level === 3) sections.push([block])
    else if (sections.length > 0) sections[sections.length - 1]?.push(block)
    else header.push(block)
  }
  return { header, sections, footer: blocks.slice(end) }
}

/**
 * A self-contained page of the document: inline CSS, the QR code as inline SVG, nothing fetched,
 * and its own CSP so the page stays inert wherever it is opened (preview, print, PDF, e-mail).
 */
export function renderHtml(doc: ReceiptDocument, options: RenderHtmlOptions): string {
  const { header, sections, footer } = splitSections(doc.blocks)
  const body = [
    `<header>${header.map(renderBlock).join('\n')}</header>`,
    `<div class="sections">${sections
      .map((s) => `<section>${s.map(renderBlock).join('\n')}</section>`)
      .join('\n')}</div>`,
    `<footer>${footer.map(renderBlock).join('\n')}</footer>`,
  ].join('\n')
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="receipt-paper" content="${options.paper}">
<title>${escapeHtml(doc.title)}</title>
<style>${receiptCss(options.paper)}</style>
</head>
<body>
<main class="receipt paper-${options.paper}">
${body}
</main>
</body>
</html>
`
}
