/**
 * How public-api.ts prints a declaration. Functions, consts and class members go through the
 * checker, so an inferred type that changes shows up; interfaces and type aliases are printed from
 * their source without comments, so rewording a doc comment or reformatting a file does not.
 */
import ts from 'typescript';

const FORMAT = ts.TypeFormatFlags.NoTruncation;
const NODE_FORMAT = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.IgnoreErrors;
const HIDDEN = ts.ModifierFlags.Private | ts.ModifierFlags.Protected;
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
/** The file the printer writes nodes the checker made up (they belong to no file of the program). */
const SYNTHETIC = ts.createSourceFile('report.ts', '', ts.ScriptTarget.Latest);

/** What to print: `name` is the exported name, `typeOnly` an `export type` of a value. */
export interface Printed {
  readonly checker: ts.TypeChecker;
  readonly name: string;
  readonly symbol: ts.Symbol;
  readonly typeOnly: boolean;
}

/** Name order ignoring case, ties broken by code unit: the same on every machine (localeCompare is not). */
export function compareNames(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `const`, `let` or `var`, from the statement that declares the variable. */
export function variableKind(declaration: ts.VariableDeclaration): 'const' | 'let' | 'var' {
  const flags = declaration.parent.flags;
  return flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
}

/** The text of one declaration of an export. */
export function declarationText(printed: Printed, declaration: ts.Declaration): string {
  const { checker, name, symbol } = printed;
  if (ts.isFunctionDeclaration(declaration)) return signatureLines(checker, `function ${name}`, checker.getTypeOfSymbol(symbol)).map((line) => `${line};`).join('\n');
  if (ts.isVariableDeclaration(declaration)) return `${variableKind(declaration)} ${name}: ${constTypeText(checker, symbol)};`;
  if (ts.isClassDeclaration(declaration)) return classText(printed, declaration);
  return sourceText(declaration);
}

/** A node as the compiler's printer writes it: comments gone, formatting normalized, no `export`. */
function sourceText(node: ts.Node): string {
  return printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile()).replace(/^export (declare )?/, '');
}

function typeText(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  return checker.typeToString(checker.getTypeOfSymbol(symbol), undefined, FORMAT);
}

/** A const's type with an object type's members one a line, as `field` and `message` have several. */
function constTypeText(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const node = checker.typeToTypeNode(checker.getTypeOfSymbol(symbol), undefined, NODE_FORMAT | ts.NodeBuilderFlags.MultilineObjectLiterals);
  return node === undefined ? typeText(checker, symbol) : printer.printNode(ts.EmitHint.Unspecified, node, SYNTHETIC);
}

function signatureLines(checker: ts.TypeChecker, prefix: string, type: ts.Type): string[] {
  return checker.getSignaturesOfType(type, ts.SignatureKind.Call).map((signature) => `${prefix}${checker.signatureToString(signature, undefined, FORMAT)}`);
}

/**
 * The class's heading, then its public constructors, static members and instance members. A class
 * exported with `export type` is only a type to a game: its constructor and statics are left out.
 */
function classText(printed: Printed, declaration: ts.ClassDeclaration): string {
  const { checker, symbol, typeOnly } = printed;
  const members = [
    ...(typeOnly ? [] : constructorLines(checker, declaration, symbol)),
    ...(typeOnly ? [] : memberLines(checker, symbol.exports, 'static ')),
    ...memberLines(checker, symbol.members, ''),
  ];
  return [`${classHeading(declaration, printed.name)} {`, ...members.map((line) => `    ${line};`), '}'].join('\n');
}

function classHeading(declaration: ts.ClassDeclaration, name: string): string {
  const abstract = ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract ? 'abstract ' : '';
  const typeParameters = declaration.typeParameters ? `<${declaration.typeParameters.map(sourceText).join(', ')}>` : '';
  const heritage = (declaration.heritageClauses ?? []).map((clause) => ` ${sourceText(clause).trim()}`).join('');
  return `${abstract}class ${name}${typeParameters}${heritage}`;
}

/** `constructor(options: HostOptions<State>)`: the class's type parameters are in its heading already. */
function constructorLines(checker: ts.TypeChecker, declaration: ts.ClassDeclaration, symbol: ts.Symbol): string[] {
  const declared = declaration.members.filter(ts.isConstructorDeclaration);
  if (declared.length > 0 && declared.every(isHidden)) return [];
  return checker.getSignaturesOfType(checker.getTypeOfSymbol(symbol), ts.SignatureKind.Construct).map((signature) => {
    const node = checker.signatureToSignatureDeclaration(signature, ts.SyntaxKind.Constructor, undefined, NODE_FORMAT);
    return `constructor(${(node?.parameters ?? []).map(parameterText).join(', ')})`;
  });
}

/** A parameter without `private readonly`: a parameter property is listed with the members. */
function parameterText(p: ts.ParameterDeclaration): string {
  const plain = ts.factory.updateParameterDeclaration(p, undefined, p.dotDotDotToken, p.name, p.questionToken, p.type, p.initializer);
  return printer.printNode(ts.EmitHint.Unspecified, plain, SYNTHETIC);
}

function memberLines(checker: ts.TypeChecker, table: ts.SymbolTable | undefined, prefix: string): string[] {
  const members = [...(table?.values() ?? [])].filter(isPublicMember).sort((a, b) => compareNames(a.name, b.name));
  return members.flatMap((member) => memberText(checker, member).map((line) => `${prefix}${line}`));
}

function isPublicMember(member: ts.Symbol): boolean {
  const declaration = member.valueDeclaration;
  if (declaration === undefined || member.name === 'prototype') return false;
  if (member.flags & ts.SymbolFlags.Constructor) return false;
  const name = ts.getNameOfDeclaration(declaration);
  return !isHidden(declaration) && !(name !== undefined && ts.isPrivateIdentifier(name));
}

function isHidden(declaration: ts.Declaration): boolean {
  return (ts.getCombinedModifierFlags(declaration) & HIDDEN) !== 0;
}

function memberText(checker: ts.TypeChecker, member: ts.Symbol): string[] {
  const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
  if (member.flags & ts.SymbolFlags.Method) return signatureLines(checker, `${member.name}${optional}`, checker.getTypeOfSymbol(member));
  return [`${isReadonly(member) ? 'readonly ' : ''}${member.name}${optional}: ${typeText(checker, member)}`];
}

/** A readonly property, or a getter with no setter: either way a caller cannot assign it. */
function isReadonly(member: ts.Symbol): boolean {
  if (member.flags & ts.SymbolFlags.GetAccessor) return !(member.flags & ts.SymbolFlags.SetAccessor);
  return member.valueDeclaration !== undefined && (ts.getCombinedModifierFlags(member.valueDeclaration) & ts.ModifierFlags.Readonly) !== 0;
}
