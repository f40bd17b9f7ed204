import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import type { Root } from "mdast";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { MAX_CARD_SIDE_LENGTH, MAX_TAGS_PER_CARD, MAX_USER_TAG_LENGTH } from "@/lib/flashcards/deck";
import type { Locale, Localized } from "@/lib/core";

/**
 * Anki "Notes in Plain Text" import/export (tab-separated, one note per line, Basic note type:
 * front, back, tags). Behaviour follows Anki's own reader and writer in
 * rslib/src/import_export/text/csv/{metadata,import,export}.rs:
 * - a file may start with `#key:value` header lines (separator, html, tags column, …);
 * - records are CSV with a configurable delimiter, `"`-quoted fields with `""` escapes, and any
 *   line starting with `#` is a comment;
 * - with `#html:true` fields are HTML; with `#html:false` they are plain text;
 * - tags are separated by whitespace.
 *
 * Our cards are markdown. Export renders them to HTML (what `#html:true` promises Anki), and
 * import turns HTML back into markdown for what markdown can say (emphasis, code, paragraphs,
 * lists), so our own file imports as cards that look the same.
 * @see https://docs.ankiweb.net/importing/text-files.html
 */

export const MAX_IMPORT_CARDS = 2000;
export const MAX_IMPORT_FIELD_LENGTH = MAX_CARD_SIDE_LENGTH;
/** Input larger than this is rejected before parsing (2,000 cards × two 4,000-char sides fit comfortably in less). */
export const MAX_IMPORT_CHARS = 5_000_000;

export interface AnkiExportCard {
  front: string | Localized;
  back: string | Localized;
  tags?: readonly string[];
}

export interface ImportedCard {
  front: string;
  back: string;
  tags: string[];
}

export interface AnkiImportError {
  /** 1-based line where the offending record starts; 0 for a problem with the whole file. */
  line: number;
  message: Localized;
}

export interface AnkiImportResult {
  cards: ImportedCard[];
  errors: AnkiImportError[];
}

// ---------------------------------------------------------------- export

function pick(text: string | Localized, locale: Locale): string {
  return typeof text === "string" ? text : text[locale];
}

/**
 * Cards are markdown; the file says `#html:true`, so each field is the card rendered to HTML
 * (remark → rehype → rehype-sanitize with GitHub's allow-list → HTML, the pipeline
 * components/quiz/markdown.tsx renders cards with), and Anki shows **SYN** in bold, not the
 * asterisks (issue #19 item 9). Newlines between blocks are dropped and the ones inside code
 * blocks become `<br>`, tabs `&#9;`: one record per line, never a raw tab.
 */
const markdownToHtml = unified().use(remarkParse).use(remarkGfm).use(rawHtmlAsText).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

/**
 * Markup a learner typed into a card (`<tags>`) is text to them, not HTML: remark-rehype would
 * drop it silently, and the card would come back from Anki without it. As a text node it is
 * escaped (`&lt;tags&gt;`), shows literally in Anki, and imports back as typed.
 */
function rawHtmlAsText() {
  return (tree: Root) => {
    visit(tree, "html", (node) => {
      (node as unknown as { type: string }).type = "text";
    });
  };
}

function toHtmlField(markdown: string): string {
  const html = String(markdownToHtml.processSync(markdown.replace(/\r\n?/g, "\n")));
  return html
    .trim()
    .replace(/>\n+</g, "><")
    .replace(/\n/g, "<br>")
    .replace(/\t/g, "&#9;");
}

function toTagsField(tags: readonly string[] = []): string {
  return tags
    .map((tag) => tag.trim().replace(/\s+/g, "_"))
    .filter((tag) => tag.length > 0)
    .join(" ");
}

/** A tab-separated file Anki imports as Basic notes: front, back, tags (in the given language). */
export function exportAnki(cards: readonly AnkiExportCard[], locale: Locale): string {
  const header = ["#separator:tab", "#html:true", "#tags column:3"];
  const rows = cards.map((card) =>
    [toHtmlField(pick(card.front, locale)), toHtmlField(pick(card.back, locale)), toTagsField(card.tags)].join("\t"),
  );
  return `${[...header, ...rows].join("\n")}\n`;
}

// ---------------------------------------------------------------- import

const msg = (en: string, zh: string): Localized => ({ en, zh });

const DELIMITERS: Record<string, string> = {
  tab: "\t",
  comma: ",",
  semicolon: ";",
  space: " ",
  pipe: "|",
  colon: ":",
};

interface Header {
  delimiter: string;
  /** undefined: not declared, guessed from the content as Anki does. */
  html: boolean | undefined;
  /** 1-based column indices. */
  tagsColumn: number | undefined;
  skipColumns: Set<number>;
  globalTags: string[];
}

interface PhysicalLine {
  text: string;
  number: number;
}

function splitLines(text: string): PhysicalLine[] {
  return text.split(/\r\n|\n|\r/).map((line, index) => ({ text: line, number: index + 1 }));
}

/** Reads the `#key:value` lines at the top; returns how many lines they took. */
function readHeader(lines: readonly PhysicalLine[]): { header: Header; consumed: number } {
  const header: Header = { delimiter: "\t", html: undefined, tagsColumn: undefined, skipColumns: new Set(), globalTags: [] };
  let consumed = 0;
  for (const { text } of lines) {
    if (consumed === 0 && text.startsWith("tags:")) {
      // Historic first line form, still accepted by Anki.
      header.globalTags = text.slice("tags:".length).split(/\s+/).filter(Boolean);
      consumed += 1;
      continue;
    }
    if (!text.startsWith("#")) break;
    consumed += 1;
    const colon = text.indexOf(":");
    if (colon < 0) continue;
    const key = text.slice(1, colon).trim().toLowerCase();
    const value = text.slice(colon + 1);
    const column = Number.parseInt(value.trim(), 10);
    switch (key) {
      case "separator": {
        const named = DELIMITERS[value.trim().toLowerCase()];
        const literal = Object.values(DELIMITERS).find((d) => d === value);
        if (named ?? literal) header.delimiter = (named ?? literal)!;
        break;
      }
      case "html":
        if (/^\s*true\s*$/i.test(value)) header.html = true;
        else if (/^\s*false\s*$/i.test(value)) header.html = false;
        break;
      case "tags":
        header.globalTags = value.split(/\s+/).filter(Boolean);
        break;
      case "tags column":
        if (column > 0) header.tagsColumn = column;
        break;
      case "guid column":
      case "deck column":
      case "notetype column":
        if (column > 0) header.skipColumns.add(column);
        break;
      default:
        break;
    }
  }
  return { header, consumed };
}

interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * CSV records as Anki's reader (the Rust `csv` crate: flexible, `#` comments, `"` quoting) sees
 * them. Blank lines are skipped; a quoted field may span lines.
 */
function readRecords(
  lines: readonly PhysicalLine[],
  delimiter: string,
): { records: RawRecord[]; error?: AnkiImportError } {
  const records: RawRecord[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = lines[index]!;
    if (start.text === "" || start.text.startsWith("#")) {
      index += 1;
      continue;
    }
    const fields: string[] = [];
    let field = "";
    let inQuotes = false;
    let atFieldStart = true;
    let text = start.text;
    let pos = 0;
    for (;;) {
      if (pos >= text.length) {
        if (inQuotes) {
          index += 1;
          const next = lines[index];
          if (!next) {
            return {
              records,
              error: {
                line: start.number,
                message: msg("a quoted field is never closed", "带引号的字段没有结束的引号"),
              },
            };
          }
          field += "\n";
          text = next.text;
          pos = 0;
          continue;
        }
        fields.push(field);
        index += 1;
        break;
      }
      const ch = text[pos]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[pos + 1] === '"') {
            field += '"';
            pos += 2;
          } else {
            inQuotes = false;
            pos += 1;
          }
        } else {
          field += ch;
          pos += 1;
        }
      } else if (ch === delimiter) {
        fields.push(field);
        field = "";
        atFieldStart = true;
        pos += 1;
      } else if (ch === '"' && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
        pos += 1;
      } else {
        field += ch;
        atFieldStart = false;
        pos += 1;
      }
    }
    records.push({ line: start.number, fields });
  }
  return { records };
}

/** Anki's heuristic for files without `#html:`: any field that looks like markup. */
function looksLikeHtml(value: string): boolean {
  return /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(value);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * An Anki HTML field → markdown-ish text. For our own export (`toHtmlField`) it gives back the
 * markdown of every built-in card (anki.test.ts); for HTML written by Anki's editor it keeps line structure and simple emphasis and
 * drops other markup, which the markdown renderer would sanitise away anyway.
 */
function htmlFieldToMarkdown(html: string): string {
  const hasBlocks = /<(?:div|p|li|ul|ol|pre|h[1-6])\b/i.test(html);
  let text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<pre\b[^>]*>\s*<code\b[^>]*>([\s\S]*?)<\/code>\s*<\/pre>/gi, (_, code: string) => `\n\n\`\`\`\n${code.replace(/<br\s*\/?>/gi, "\n").replace(/\n$/, "")}\n\`\`\`\n\n`)
    .replace(/<ol\b[^>]*>([\s\S]*?)<\/ol>/gi, (_, items: string) => {
      let n = 0;
      return `\n${items.replace(/<li\b[^>]*>/gi, () => `\n${++n}. `)}\n`;
    })
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?(?:b|strong)\s*>/gi, "**")
    .replace(/<\/?(?:i|em)\s*>/gi, "*")
    .replace(/<\/?code\s*>/gi, "`")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<h([1-6])\b[^>]*>/gi, (_, level: string) => `\n\n${"#".repeat(Number(level))} `)
    .replace(/<p\b[^>]*>/gi, "\n\n")
    .replace(/<div\b[^>]*>/gi, "\n")
    .replace(/<\/?[a-z][^>]*>/gi, "");
  if (hasBlocks) text = text.replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
  return decodeEntities(text);
}

/**
 * Parses an Anki text export (or any front/back/tags TSV, with or without header lines).
 * Bad records are reported with their line and skipped; good ones are kept.
 */
export function importAnki(text: string): AnkiImportResult {
  if (text.length > MAX_IMPORT_CHARS) {
    return {
      cards: [],
      errors: [
        {
          line: 0,
          message: msg(
            `the file is too large (more than ${MAX_IMPORT_CHARS.toLocaleString("en")} characters)`,
            `文件过大（超过 ${MAX_IMPORT_CHARS} 个字符）`,
          ),
        },
      ],
    };
  }
  const lines = splitLines(text.replace(/^\uFEFF/, ""));
  const { header, consumed } = readHeader(lines);
  const { records, error } = readRecords(lines.slice(consumed), header.delimiter);
  const errors: AnkiImportError[] = [];
  const html = header.html ?? records.some((r) => r.fields.some(looksLikeHtml));
  const convert = html ? htmlFieldToMarkdown : (value: string) => value;

  const cards: ImportedCard[] = [];
  for (const record of records) {
    const tagsColumn = header.tagsColumn ?? 3;
    const fieldValues = record.fields.filter((_, i) => i + 1 !== tagsColumn && !header.skipColumns.has(i + 1));
    const [rawFront = "", rawBack = ""] = fieldValues;
    const front = convert(rawFront);
    const back = convert(rawBack);
    const tags = [...new Set([...header.globalTags, ...(record.fields[tagsColumn - 1] ?? "").split(/\s+/)])].filter(Boolean);

    const problem =
      front.trim() === ""
        ? msg("the front is empty", "正面为空")
        : back.trim() === ""
          ? msg("the back is missing or empty", "背面缺失或为空")
          : front.length > MAX_IMPORT_FIELD_LENGTH || back.length > MAX_IMPORT_FIELD_LENGTH
            ? msg(
                `a side is longer than ${MAX_IMPORT_FIELD_LENGTH} characters`,
                `某一面超过 ${MAX_IMPORT_FIELD_LENGTH} 个字符`,
              )
            : tags.length > MAX_TAGS_PER_CARD
              ? msg(`more than ${MAX_TAGS_PER_CARD} tags`, `标签超过 ${MAX_TAGS_PER_CARD} 个`)
              : tags.some((tag) => tag.length > MAX_USER_TAG_LENGTH)
                ? msg(`a tag is longer than ${MAX_USER_TAG_LENGTH} characters`, `某个标签超过 ${MAX_USER_TAG_LENGTH} 个字符`)
                : undefined;
    if (problem) {
      errors.push({ line: record.line, message: problem });
      continue;
    }
    if (cards.length === MAX_IMPORT_CARDS) {
      errors.push({
        line: record.line,
        message: msg(
          `too many cards: at most ${MAX_IMPORT_CARDS} per import; this line and the rest were not imported`,
          `卡片过多：每次最多导入 ${MAX_IMPORT_CARDS} 张；从这一行起未导入`,
        ),
      });
      break;
    }
    cards.push({ front, back, tags });
  }
  if (error) errors.push(error);
  return { cards, errors };
}
