import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HmlError } from './hmlError';

/** One XML element as the HML reader sees it: attributes, child elements, text, and where it starts. */
export interface XmlElement {
  readonly name: string;
  readonly path: string;
  readonly line: number;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  children(name: string): XmlElement[];
  /** The first child element whose name is one of `names`, if any. */
  firstOf(names: readonly string[]): XmlElement | undefined;
  readonly childNames: readonly string[];
}

type Raw = Record<string, unknown>;
const META = XMLParser.getMetaDataSymbol() as unknown as string;

/**
 * Parses XML text into elements with line numbers (fast-xml-parser 5, namespace prefixes removed).
 * DOCTYPE declarations are refused: HML has none, and entity definitions are how XML bombs work.
 * @throws HmlError with the line of the first well-formedness error.
 */
export function parseXml(text: string): { root: XmlElement; rootStart: string } {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    throw new HmlError(lineAt(newlinesOf(text), doctype.index), '', 'DOCTYPE declarations are not allowed in HML');
  }
  if (text.trim() === '') throw new HmlError(1, '', 'the file is empty, not XML');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new HmlError(valid.err.line, '', `not well-formed XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    captureMetaData: true,
    alwaysCreateTextNode: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
  });
  const doc = parser.parse(text) as Raw;
  const names = Object.keys(doc).filter((k) => !k.startsWith('@') && k !== '#text');
  const rootName = names[0];
  if (rootName === undefined) throw new HmlError(1, '', 'no root element');
  const rootRaw = (doc[rootName] as Raw[])[0] ?? {};
  const root = wrap(newlinesOf(text), rootName, rootName, rootRaw);
  const start = metaStart(rootRaw);
  return { root, rootStart: text.slice(start, text.indexOf('>', start) + 1) };
}

function wrap(newlines: Int32Array, name: string, path: string, raw: Raw): XmlElement {
  const attrs: Record<string, string> = {};
  const childNames: string[] = [];
  for (const key of Object.keys(raw)) {
    if (key.startsWith('@')) attrs[key.slice(1)] = String(raw[key]);
    else if (key !== '#text') childNames.push(key);
  }
  const children = (child: string): XmlElement[] =>
    ((raw[child] as Raw[] | undefined) ?? []).map((c, i) => wrap(newlines, child, `${path}/${child}[${i + 1}]`, c));
  return {
    name,
    path,
    line: lineAt(newlines, metaStart(raw)),
    attrs,
    text: typeof raw['#text'] === 'string' ? raw['#text'].trim() : '',
    childNames,
    children,
    firstOf: (names) => {
      for (const n of childNames) if (names.includes(n)) return children(n)[0];
      return undefined;
    },
  };
}

function metaStart(raw: Raw): number {
  const meta = raw[META] as { startIndex?: number } | undefined;
  return meta?.startIndex ?? 0;
}

/** Offsets of the newlines of a text, for lineAt. */
function newlinesOf(text: string): Int32Array {
  const found: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) found.push(i);
  return Int32Array.from(found);
}

/** Line (1-based) of a character offset: a binary search over the newline offsets. */
function lineAt(newlines: Int32Array, index: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((newlines[mid] ?? 0) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
