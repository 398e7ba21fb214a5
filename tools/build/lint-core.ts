/**
 * Rules for firmware/core that the portable lib cannot express as types. Each one is a construct
 * that compiles on every target but means different things on them (PLATFORMS.md):
 * - `/` is float division in Lua (single precision on NodeMCU): use idiv() for integers;
 * - `>>` does not compile to Lua, `>>>` compiles to a 2^32-1 literal that raises on 32-bit Lua:
 *   use ushr() on words from word.ts;
 * - `**` becomes float `^` in Lua;
 * - destructuring, spread, rest and default parameters do not parse on Espruino;
 * - regular expressions exist on neither Lua nor (fully) Espruino.
 */
import ts from "typescript";

export interface CoreLintProblem {
  file: string;
  line: number;
  message: string;
}

export function lintCoreFile(fileName: string, text: string): CoreLintProblem[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2020, true);
  const problems: CoreLintProblem[] = [];
  const report = (node: ts.Node, message: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push({ file: fileName, line: line + 1, message });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      switch (node.operatorToken.kind) {
        case ts.SyntaxKind.SlashToken:
        case ts.SyntaxKind.SlashEqualsToken:
          report(node, "`/` is float division on Lua: use idiv(a, b)");
          break;
        case ts.SyntaxKind.GreaterThanGreaterThanToken:
        case ts.SyntaxKind.GreaterThanGreaterThanEqualsToken:
        case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken:
        case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken:
          report(node, "right shifts differ between JavaScript and Lua: use ushr(word, bits)");
          break;
        case ts.SyntaxKind.AsteriskAsteriskToken:
        case ts.SyntaxKind.AsteriskAsteriskEqualsToken:
          report(node, "`**` is float power on Lua: multiply integers");
          break;
        default:
          break;
      }
    } else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      report(node, "regular expressions do not exist in Lua");
    } else if (ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) {
      report(node, "destructuring does not parse on Espruino");
    } else if (ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) {
      report(node, "spread does not parse on Espruino");
    } else if (ts.isParameter(node) && !ts.isFunctionTypeNode(node.parent) && !ts.isMethodSignature(node.parent)) {
      if (node.dotDotDotToken) report(node, "rest parameters do not parse on Espruino");
      if (node.initializer) report(node, "default parameters do not parse on Espruino");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}
