/**
 * The clause ids a test file cites where it counts: in the title or code of a test that asserts
 * (`it`/`test`, any of their forms, with an `expect…` or `…assert…` call in its body), or in the
 * title of a `describe` holding such a test. Comments, and tests that assert nothing, cite nothing.
 */
import ts from 'typescript';

const CLAUSE_ID = /(?<![A-Z0-9.-])[A-Z]+-[A-Z0-9.]*[A-Z0-9](?![0-9])/g;
const TEST_NAMES = new Set(['it', 'test']);
const ASSERTION = /^expect|assert/i;

/** `it`, `it.each(table)`, `describe.concurrent`, `it.skipIf(c)`: the name at the root of the callee. */
function rootName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return rootName(callee.expression);
  if (ts.isCallExpression(callee)) return rootName(callee.expression);
  return undefined;
}

/** The name a call is made by (`expect`, `fc.assert` → `assert`, `expectLevel`). */
function calledName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function some(node: ts.Node, test: (n: ts.Node) => boolean): boolean {
  return test(node) || (ts.forEachChild(node, (child) => (some(child, test) ? true : undefined)) ?? false);
}

const asserts = (body: ts.Node): boolean =>
  some(body, (n) => ts.isCallExpression(n) && ASSERTION.test(calledName(n) ?? ''));

/** The ids in the string and template literals under a node (comments are not in the tree). */
function idsIn(node: ts.Node, into: Set<string>): void {
  if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node))
    for (const m of node.text.matchAll(CLAUSE_ID)) into.add(m[0]);
  ts.forEachChild(node, (child) => idsIn(child, into));
}

/** The arguments of a call and of the calls its callee is made of (`it.each(table)(title, fn)`). */
function allArguments(call: ts.CallExpression): ts.Node[] {
  const inner = call.expression;
  const own = [...call.arguments];
  if (ts.isCallExpression(inner)) return [...allArguments(inner), ...own];
  if (ts.isPropertyAccessExpression(inner) && ts.isCallExpression(inner.expression))
    return [...allArguments(inner.expression), ...own];
  return own;
}

/** Visit the file: each asserting test cites the ids of its title and code, and its describes' titles. */
export function citedIds(fileName: string, text: string): Set<string> {
  const cited = new Set<string>();
  const visit = (node: ts.Node, describeTitles: readonly ts.Node[]): void => {
    if (ts.isCallExpression(node)) {
      const name = rootName(node.expression);
      if (name !== undefined && TEST_NAMES.has(name)) {
        const parts = allArguments(node);
        if (parts.some(asserts)) [...describeTitles, ...parts].forEach((part) => idsIn(part, cited));
        return;
      }
      if (name === 'describe') {
        const [title, ...rest] = allArguments(node).slice(-2);
        rest.forEach((part) => visit(part, title ? [...describeTitles, title] : describeTitles));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, describeTitles));
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true), []);
  return cited;
}
