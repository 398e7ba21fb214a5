/**
 * Checks an emitted JavaScript file against what Espruino 2v29 parses and runs (PLATFORMS.md,
 * "Language"): parses it with acorn and rejects every construct in the "fails" column, the
 * globals Espruino lacks, top-level code that relies on hoisting, and arrow functions that use
 * `this` where Espruino may parse them without running them (they trip an interpreter assertion).
 */
import * as acorn from "acorn";
import * as walk from "acorn-walk";

type AnyNode = acorn.AnyNode;

/** Function expressions called where they are written (IIFEs): their bodies run at once. */
const isCalledOnTheSpot = new WeakSet<object>();

export interface EspruinoProblem {
  offset: number;
  message: string;
}

/** Globals Espruino 2v29 does not have. */
const MISSING_GLOBALS = ["Map", "Set", "WeakMap", "WeakSet", "Symbol", "Proxy", "Reflect", "BigInt", "RangeError"];
/** Members of builtins Espruino 2v29 does not have. */
const MISSING_MEMBERS: Record<string, string[]> = {
  Object: ["freeze"],
  Array: ["from"],
  Number: ["isInteger", "isFinite"],
  Math: ["imul", "trunc", "clz32"],
};

export function checkEspruinoSource(source: string): EspruinoProblem[] {
  const problems: EspruinoProblem[] = [];
  const report = (node: { start: number }, message: string): void => {
    problems.push({ offset: node.start, message });
  };
  let program: acorn.Program;
  try {
    program = acorn.parse(source, { ecmaVersion: "latest", sourceType: "script" });
  } catch (error) {
    return [{ offset: 0, message: `does not parse: ${(error as Error).message}` }];
  }

  walk.full(program, (node: AnyNode) => {
    switch (node.type) {
      case "AssignmentPattern":
        return report(node, "default value (default parameter or destructuring default)");
      case "RestElement":
        return report(node, "rest parameter or rest element");
      case "SpreadElement":
        return report(node, "spread");
      case "ObjectPattern":
      case "ArrayPattern":
        return report(node, "destructuring");
      case "ChainExpression":
        return report(node, "optional chaining ?.");
      case "LabeledStatement":
        return report(node, "labelled statement");
      case "AwaitExpression":
      case "YieldExpression":
        return report(node, "async/await or generator");
      case "PropertyDefinition":
      case "StaticBlock":
      case "PrivateIdentifier":
        return report(node, "class field, static block or private name");
      case "ImportExpression":
      case "MetaProperty":
      case "TaggedTemplateExpression":
        return report(node, `${node.type} is not supported`);
      case "BinaryExpression":
        if (node.operator === "**") report(node, "exponent operator **");
        return;
      case "AssignmentExpression":
        if (node.operator === "**=") report(node, "exponent operator **=");
        if (node.operator === "??=" || node.operator === "||=" || node.operator === "&&=") report(node, `logical assignment ${node.operator}`);
        return;
      case "Property":
      case "MethodDefinition":
        if (node.computed) report(node, "computed key");
        return;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        if (node.async) report(node, "async function");
        if (node.generator) report(node, "generator");
        return;
      case "Literal":
        if ("bigint" in node && node.bigint !== undefined) report(node, "BigInt literal");
        if ("regex" in node && node.regex) {
          if (/\{\d/.test(node.regex.pattern)) report(node, `regular expression with a {n} quantifier: /${node.regex.pattern}/`);
          if (/\(\?<?[=!]/.test(node.regex.pattern)) report(node, `regular expression with lookaround: /${node.regex.pattern}/`);
        }
        if (typeof node.value === "string" && node.value === "use strict") report(node, "strict mode");
        return;
      case "Identifier":
        if (MISSING_GLOBALS.includes(node.name)) report(node, `${node.name} does not exist on Espruino`);
        return;
      case "MemberExpression":
        if (node.object.type === "Identifier" && node.property.type === "Identifier" && !node.computed) {
          const missing = MISSING_MEMBERS[node.object.name];
          if (missing && missing.includes(node.property.name)) report(node, `${node.object.name}.${node.property.name} does not exist on Espruino`);
        }
        return;
      default:
        return;
    }
  });

  for (const body of topLevelBodies(program)) checkNoHoisting(body, report);
  checkArrowThisInSkippedBranches(program, report);
  return problems.sort((a, b) => a.offset - b.offset);
}

/** The statement lists that run in order at load time: the program and the bundle's IIFE. */
function topLevelBodies(program: acorn.Program): acorn.Statement[][] {
  const bodies: acorn.Statement[][] = [program.body as acorn.Statement[]];
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement") continue;
    const call = statement.expression;
    if (call.type !== "CallExpression") continue;
    const callee = call.callee;
    if ((callee.type === "ArrowFunctionExpression" || callee.type === "FunctionExpression") && callee.body.type === "BlockStatement") {
      bodies.push(callee.body.body);
    }
  }
  return bodies;
}

/**
 * Espruino does not hoist: a name must be declared by a statement that has already run when it
 * is used. For each top-level statement, finds the names it uses while it runs (not inside
 * functions it only defines, but inside functions it calls, transitively) and reports any that
 * are declared by the same or a later statement.
 */
function checkNoHoisting(body: acorn.Statement[], report: (node: { start: number }, message: string) => void): void {
  // Where each name is declared: statement index, and declarator index within a `var a, b` list.
  const declaredAt = new Map<string, number>();
  const declaratorAt = new Map<string, number>();
  const functionBodies = new Map<string, AnyNode>();
  body.forEach((statement, index) => {
    if (statement.type === "FunctionDeclaration" && statement.id) {
      declaredAt.set(statement.id.name, index);
      functionBodies.set(statement.id.name, statement.body);
    } else if (statement.type === "ClassDeclaration" && statement.id) {
      declaredAt.set(statement.id.name, index);
      const body = constructorBody(statement);
      if (body) functionBodies.set(statement.id.name, body);
    } else if (statement.type === "VariableDeclaration") {
      statement.declarations.forEach((declarator, position) => {
        if (declarator.id.type !== "Identifier") return;
        declaredAt.set(declarator.id.name, index);
        declaratorAt.set(declarator.id.name, position);
        const init = declarator.init;
        if (init && (init.type === "FunctionExpression" || init.type === "ArrowFunctionExpression")) {
          functionBodies.set(declarator.id.name, init.body);
        } else if (init && init.type === "ClassExpression") {
          const body = constructorBody(init);
          if (body) functionBodies.set(declarator.id.name, body);
        }
      });
    }
  });

  body.forEach((statement, index) => {
    // A function declaration runs nothing when it is reached.
    if (statement.type === "FunctionDeclaration") return;
    const seen = new Set<string>();
    // In `var a = x, b = a`, declarator `position` may use the declarators before it.
    const visit = (node: AnyNode, via: string, position: number): void => {
      eagerReferences(node, (identifier, called) => {
        const at = declaredAt.get(identifier.name);
        if (at === undefined) return;
        const sameStatementLater = at === index && (statement.type !== "VariableDeclaration" || (declaratorAt.get(identifier.name) ?? 0) >= position);
        if (at > index || (sameStatementLater && statement.type !== "ClassDeclaration")) {
          report(identifier, `'${identifier.name}' is used${via} before its declaration has run (Espruino does not hoist)`);
        }
        const callee = functionBodies.get(identifier.name);
        if (called && callee && !seen.has(identifier.name)) {
          seen.add(identifier.name);
          visit(callee, ` (through a call of ${identifier.name})`, position);
        }
      });
    };
    if (statement.type === "VariableDeclaration") {
      // Declarators run in order: each one may use those before it in the same statement.
      statement.declarations.forEach((declarator, position) => {
        if (declarator.init) visit(declarator.init, "", position);
      });
    } else {
      visit(statement, "", 0);
    }
  });
}

function constructorBody(cls: acorn.Class): AnyNode | undefined {
  const ctor = cls.body.body.find((m) => m.type === "MethodDefinition" && m.kind === "constructor");
  return ctor && ctor.type === "MethodDefinition" ? ctor.value.body : undefined;
}

/**
 * Calls `found` for every identifier `node` reads while it runs: skips the bodies of functions it
 * merely creates, but enters functions it calls on the spot (IIFEs). `called` says whether the
 * identifier is itself being called or constructed.
 */
function eagerReferences(node: AnyNode, found: (identifier: acorn.Identifier, called: boolean) => void): void {
  const visitors: walk.RecursiveVisitors<null> & { VariablePattern(): void } = {
    Function(fn, _state, c) {
      // Only the body of a function created and called right here runs now.
      if (fn !== node && !isCalledOnTheSpot.has(fn)) return;
      c(fn.body as AnyNode, null);
    },
    Class(cls, _state, c) {
      if (cls.superClass) c(cls.superClass, null);
    },
    CallExpression(call, _state, c) {
      if (call.callee.type === "FunctionExpression" || call.callee.type === "ArrowFunctionExpression") isCalledOnTheSpot.add(call.callee);
      if (call.callee.type === "Identifier") found(call.callee, true);
      else c(call.callee, null);
      for (const arg of call.arguments) c(arg, null);
    },
    NewExpression(call, _state, c) {
      if (call.callee.type === "Identifier") found(call.callee, true);
      else c(call.callee, null);
      for (const arg of call.arguments) c(arg, null);
    },
    Identifier(identifier) {
      found(identifier, false);
    },
    MemberExpression(member, _state, c) {
      c(member.object, null);
      if (member.computed) c(member.property, null);
    },
    Property(property, _state, c) {
      if (property.computed) c(property.key, null);
      c(property.value, null);
    },
    VariablePattern() {
      // acorn-walk's hook for a name being declared (not in its types): a declaration is not a use.
    },
  };
  walk.recursive(node, null, visitors);
}

/**
 * Espruino 2v29 parses a branch it does not take without running it, unless the branch is a
 * `{...}` block, which it skips as text. An arrow function that uses `this` (itself or in an arrow
 * inside it) met that way fails `ASSERT(jsvHasChildren(obj))` at src/jsvar.c:3324: on a debug or
 * cutting-edge firmware the board reboots. Checked on espruino-debug (test/sim/espruino-real):
 * `c ? x : () => this.f()`, `a && (() => this.g())`, `a || ...`, `a ?? ...`, `if (c) h = () =>
 * this.f();` without braces, loop bodies without braces, and `switch` cases all trip it; the same
 * arrow inside `if (c) { ... }`, a `while` block, a `catch` block or a `case` block does not.
 */
function checkArrowThisInSkippedBranches(program: acorn.Program, report: (node: { start: number }, message: string) => void): void {
  walk.fullAncestor(program, (node, _state, ancestors) => {
    if (node.type !== "ArrowFunctionExpression" || !arrowUsesThis(node)) return;
    // From the arrow up to the code that runs it (the enclosing function) or to a `{...}` block.
    for (let i = ancestors.length - 2; i >= 0; i--) {
      const parent = ancestors[i] as AnyNode;
      const child = ancestors[i + 1] as AnyNode;
      if (isFunction(parent) || child.type === "BlockStatement") return;
      const branch = skippedBranch(parent, child);
      if (branch) return report(node, `arrow function using 'this' in ${branch}: Espruino parses it there without running it and fails an assertion (jsvar.c:3324); use a block, an if statement with braces, or a named function`);
    }
  });
}

function isFunction(node: AnyNode): boolean {
  return node.type === "FunctionExpression" || node.type === "FunctionDeclaration" || node.type === "ArrowFunctionExpression";
}

/** Whether `arrow` reads `this`: in its body or in arrows inside it (they share its `this`). */
function arrowUsesThis(arrow: acorn.ArrowFunctionExpression): boolean {
  let uses = false;
  walk.recursive(arrow.body as AnyNode, null, {
    Function(fn, _state, c) {
      if (fn.type === "ArrowFunctionExpression") c(fn.body as AnyNode, null);
    },
    Class(cls, _state, c) {
      if (cls.superClass) c(cls.superClass, null);
    },
    ThisExpression() {
      uses = true;
    },
  });
  return uses;
}

/** The kind of branch `child` is in `parent` when Espruino may parse it without running it. */
function skippedBranch(parent: AnyNode, child: AnyNode): string | undefined {
  switch (parent.type) {
    case "ConditionalExpression":
      return child !== parent.test ? "a branch of ?:" : undefined;
    case "LogicalExpression":
      return child === parent.right ? `the right side of ${parent.operator}` : undefined;
    case "IfStatement":
      return child !== parent.test ? "an if branch without braces" : undefined;
    case "WhileStatement":
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
      if (child === parent.body) return "a loop body without braces";
      return parent.type === "ForStatement" && child === parent.update ? "the update of a for loop" : undefined;
    case "SwitchCase":
      return child !== parent.test ? "a switch case without braces" : undefined;
    default:
      return undefined;
  }
}
