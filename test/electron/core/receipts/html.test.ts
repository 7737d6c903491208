import { describe, expect, it } from 'vitest'
import { buildDocument } from '../../../../electron/core/receipts/build'
import { renderHtml } from '../../../../electron/core/receipts/html'
import { realDocuments } from './real-documents'

const fx = await realDocuments()

describe('renderHtml', () => {
  const doc = buildDocument('tax-invoice', fx.enrollment, { lang: 'hi', copy: 2 })

  it('is one self-contained page: inline CSS, inline SVG QR, nothing fetched, its own CSP', () => {
    const html = renderHtml(doc, { paper: 'a4' })
    expect(html).toContain('<html lang="hi">')
    expect(html).toContain("default-src 'none'")
    expect(html).toMatch(/<svg [^>]*viewBox/)
    expect(html).not.toMatch(/\b(src|href)=/)
    expect(html).not.toMatch(/@import|url\(/)
    expect(html).toContain('"Noto Sans", "Noto Sans Devanagari"')
    expect(html).toContain('@page { size: A4')
    expect(html).toContain('डुप्लिकेट – प्रति 2')
  })

  it('lays out an 80 mm roll at the roll width', () => {
    const html = renderHtml(doc, { paper: '80mm' })
    expect(html).toContain('width: 72mm')
    expect(html).not.toContain('size: A4')
  })

  it('escapes every text', () => {
    const evil = {
      ...fx.enrollment,
      store: { ...fx.store, name: '<script>alert(1)</script> & "Sons"' },
      customer: { ...fx.enrollment.customer, name: "O'Brien <b>" },
    }
    const html = renderHtml(buildDocument('tax-invoice', evil, { lang: 'en' }), { paper: '80mm' })
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;')
    expect(html).toContain('O&#39;Brien &lt;b&gt;')
  })
})
