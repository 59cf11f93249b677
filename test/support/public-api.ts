/**
 * The engine's public surface as the TypeScript compiler sees it: every export of `tickwire`
 * (engine/src/index.ts) and what `tickwire/node` (engine/src/node.ts) adds, each with its kind, its
 * declaration as printed by public-api-text.ts, and whether it carries a line of JSDoc.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { compareNames, declarationText, variableKind, type Printed } from './public-api-text.js';

/** The repository root, found from this file so the report never depends on the working directory. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The entry points in report order, each by the name a game imports it under. */
const ENTRY_POINTS = [
  { module: 'tickwire', file: 'engine/src/index.ts' },
  { module: 'tickwire/node', file: 'engine/src/node.ts' },
] as const;

/** What a declaration is, in the words of the TypeScript keyword that declares it. */
export type ExportKind = 'function' | 'class' | 'const' | 'let' | 'var' | 'interface' | 'type' | 'enum' | 'namespace';

/** One export of an entry point. */
export interface PublicExport {
  /** The entry point that exports it first: `tickwire`, or `tickwire/node` for what only Node has. */
  readonly module: string;
  readonly name: string;
  /** One kind per declaration, e.g. `['const', 'type']` for a value and a type sharing a name. */
  readonly kinds: readonly ExportKind[];
  /** A class, function or const exported with `export type`: a game can name it but not use it as a value. */
  readonly typeOnly: boolean;
  /** The declarations without comments or bodies, a blank line between two. */
  readonly text: string;
  /** Whether a declaration of it carries a JSDoc comment with at least one line of text. */
  readonly documented: boolean;
}

/** Loads both entry points in one program and lists their exports, sorted by name within each. */
export function loadPublicApi(): PublicExport[] {
  const files = ENTRY_POINTS.map((entry) => join(REPO_ROOT, entry.file));
  const program = ts.createProgram(files, compilerOptions());
  const checker = program.getTypeChecker();
  const seen = new Set<string>();
  return ENTRY_POINTS.flatMap((entry, i) => {
    const added = moduleExports(program, checker, files[i]!).filter((symbol) => !seen.has(symbol.name));
    for (const symbol of added) seen.add(symbol.name);
    return added.map((symbol) => describeExport(checker, entry.module, symbol));
  });
}

/** The repository's own compiler options, so types print as the typecheck sees them. */
function compilerOptions(): ts.CompilerOptions {
  const configFile = join(REPO_ROOT, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT, undefined, configFile).options;
}

function moduleExports(program: ts.Program, checker: ts.TypeChecker, file: string): ts.Symbol[] {
  const source = program.getSourceFile(file);
  const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`The compiler could not load ${file} as a module.`);
  return checker.getExportsOfModule(moduleSymbol).sort((a, b) => compareNames(a.name, b.name));
}

function describeExport(checker: ts.TypeChecker, module: string, exported: ts.Symbol): PublicExport {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const declarations = withoutOverloads(symbol.declarations ?? []);
  const printed: Printed = { checker, name: exported.name, symbol, typeOnly: isValue(symbol) && isTypeOnly(checker, exported) };
  return {
    module,
    name: exported.name,
    kinds: [...new Set(declarations.map(declarationKind))],
    typeOnly: printed.typeOnly,
    text: declarations.map((declaration) => declarationText(printed, declaration)).join('\n\n'),
    documented: declarations.some(hasJsDocLine),
  };
}

/** A function's overloads are printed together from its type: keep one of its declarations. */
function withoutOverloads(declarations: readonly ts.Declaration[]): ts.Declaration[] {
  const first = declarations.find(ts.isFunctionDeclaration);
  return declarations.filter((d) => !ts.isFunctionDeclaration(d) || d === first);
}

function isValue(symbol: ts.Symbol): boolean {
  return (symbol.flags & ts.SymbolFlags.Value) !== 0;
}

/** Whether any re-export on the way from the entry point to the declaration is `export type`. */
function isTypeOnly(checker: ts.TypeChecker, exported: ts.Symbol): boolean {
  let symbol: ts.Symbol | undefined = exported;
  while (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) {
    if ((symbol.declarations ?? []).some(ts.isTypeOnlyImportOrExportDeclaration)) return true;
    symbol = checker.getImmediateAliasedSymbol(symbol);
  }
  return false;
}

function declarationKind(declaration: ts.Declaration): ExportKind {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) return 'class';
  if (ts.isInterfaceDeclaration(declaration)) return 'interface';
  if (ts.isTypeAliasDeclaration(declaration)) return 'type';
  if (ts.isEnumDeclaration(declaration)) return 'enum';
  if (ts.isModuleDeclaration(declaration)) return 'namespace';
  if (ts.isVariableDeclaration(declaration)) return variableKind(declaration);
  throw new Error(`An export declared as ${ts.SyntaxKind[declaration.kind]} needs a kind in test/support/public-api.ts.`);
}

/** A JSDoc comment whose text, not only its tags, has a non-blank line (a const's sits on its statement). */
function hasJsDocLine(declaration: ts.Declaration): boolean {
  return ts
    .getJSDocCommentsAndTags(declaration)
    .some((doc) => ts.isJSDoc(doc) && (ts.getTextOfJSDocComment(doc.comment) ?? '').trim() !== '');
}
