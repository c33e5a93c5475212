/**
 * Every word the window shows comes from the catalog: a `.tsx` file under src/renderer with JSX text that has
 * letters in it, or a string literal with letters in a prop people read (aria-label, title, placeholder, alt, and
 * the components' own label/heading props), fails here. Parsed with the TypeScript compiler, so formatting and
 * comments do not matter. Words that are not language (the product name in the catalog, paths in placeholders)
 * live in the catalog too.
 */
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const sources = import.meta.glob('../../../src/renderer/src/**/*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

/** Props whose value people read or hear. */
const READ_PROPS = new Set([
  'aria-label',
  'aria-description',
  'title',
  'placeholder',
  'alt',
  'label',
  'heading',
])
const LETTERS = /\p{L}/u

/** `file:line: what` for each literal that bypasses the catalog. */
export function literalStrings(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: string[] = []
  const report = (node: ts.Node, what: string): void => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file))
    found.push(`${fileName}:${line + 1}: ${what}`)
  }
  const literal = (node: ts.Node | undefined): string | null => {
    if (!node) return null
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
    if (ts.isTemplateExpression(node))
      return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('')
    if (ts.isJsxExpression(node)) return literal(node.expression)
    if (ts.isConditionalExpression(node)) return [literal(node.whenTrue), literal(node.whenFalse)].join('')
    if (ts.isParenthesizedExpression(node)) return literal(node.expression)
    return null
  }
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTERS.test(node.text)) report(node, `text "${node.text.trim()}"`)
    if (
      ts.isJsxExpression(node) &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      const value = literal(node.expression)
      if (value && LETTERS.test(value)) report(node, `text {"${value}"}`)
    }
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(file))) {
      const value = literal(node.initializer)
      if (value && LETTERS.test(value)) report(node, `${node.name.getText(file)}="${value}"`)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

describe('the window’s text', () => {
  it('is read from the catalog in every component', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10)
    const found = Object.entries(sources).flatMap(([name, text]) =>
      literalStrings(name.replace(/^(\.\.\/)+/, ''), text),
    )
    expect(found).toEqual([])
  })

  it('would be caught bypassing the catalog', () => {
    const sample = `
      export const A = () => <p title="Hello" aria-label={'Parent folder'}>Start copy {'Now'} {t('ok')} — 42 →</p>
      export const B = ({ n }) => <input placeholder={\`\${n} files\`} alt={t('x')} />`
    expect(literalStrings('sample.tsx', sample)).toEqual([
      'sample.tsx:2: title="Hello"',
      'sample.tsx:2: aria-label="Parent folder"',
      'sample.tsx:2: text "Start copy"',
      'sample.tsx:2: text {"Now"}',
      'sample.tsx:3: placeholder=" files"',
    ])
  })
})
