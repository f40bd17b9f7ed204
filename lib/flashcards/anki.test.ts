import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_CARDS, MAX_IMPORT_CHARS, MAX_IMPORT_FIELD_LENGTH, exportAnki, importAnki } from "@/lib/flashcards/anki";
import { loadBuiltinCards, userCardInputSchema } from "@/lib/flashcards/deck";

describe("exportAnki", () => {
  it("should start with the three header lines Anki reads, then one line per card", () => {
    const text = exportAnki(
      [
        { front: "Q1", back: "A1", tags: ["handshake"] },
        { front: "Q2", back: "A2" },
      ],
      "en",
    );
    expect(text).toBe("#separator:tab\n#html:true\n#tags column:3\n<p>Q1</p>\t<p>A1</p>\thandshake\n<p>Q2</p>\t<p>A2</p>\t\n");
  });

  it("should pick the requested language of bilingual cards", () => {
    const card = { front: { en: "Why three?", zh: "为什么是三次？" }, back: { en: "ISNs", zh: "双方 ISN" }, tags: ["why"] };
    expect(exportAnki([card], "zh").split("\n")[3]).toBe("<p>为什么是三次？</p>\t<p>双方 ISN</p>\twhy");
    expect(exportAnki([card], "en").split("\n")[3]).toBe("<p>Why three?</p>\t<p>ISNs</p>\twhy");
  });

  it("should write the markdown rendered as HTML, since the file says #html:true (issue #19)", () => {
    const line = exportAnki([{ front: "What does **SYN** do?", back: "Sets `tcp_syncookies`:\n\n1. one\n2. two\n\n```\nss -lnt\nss -tan\n```" }], "en").split("\n")[3]!;
    const [front, back] = line.split("\t");
    expect(front).toBe("<p>What does <strong>SYN</strong> do?</p>");
    expect(back).toBe("<p>Sets <code>tcp_syncookies</code>:</p><ol><li>one</li><li>two</li></ol><pre><code>ss -lnt<br>ss -tan<br></code></pre>");
  });

  it("should keep every card on one line and never emit a raw tab, quote or leading # inside a field", () => {
    const front = '# Title\twith tab\nand "quotes" & <tags>';
    const line = exportAnki([{ front, back: "line1\r\nline2" }], "en").split("\n")[3]!;
    const [f, b, tags] = line.split("\t");
    expect(line.split("\t")).toHaveLength(3);
    // A heading, and markup the learner typed kept as escaped text (it imports back as typed).
    expect(f).toBe('<h1>Title&#9;with tab</h1><p>and "quotes" &#x26; &#x3C;tags></p>');
    expect(b).toBe("<p>line1<br>line2</p>");
    expect(tags).toBe("");
  });

  it("should turn spaces inside a tag into underscores, since Anki splits tags on whitespace", () => {
    const line = exportAnki([{ front: "f", back: "b", tags: ["time wait", " ", "rst"] }], "en").split("\n")[3];
    expect(line).toBe("<p>f</p>\t<p>b</p>\ttime_wait rst");
  });
});

describe("Anki round trip", () => {
  it.each(["en", "zh"] as const)("should give back every built-in card unchanged (%s)", { timeout: 30_000 }, (locale) => {
    const cards = loadBuiltinCards();
    const result = importAnki(exportAnki(cards, locale));
    expect(result.errors).toEqual([]);
    expect(result.cards).toEqual(cards.map((c) => ({ front: c.front[locale], back: c.back[locale], tags: c.tags })));
  });

  it("should write any markdown as one record of three fields that imports again", { timeout: 30_000 }, () => {
    const tricky = fc.constantFrom("\t", "\n", '"', "#", "<", ">", "&", ";", "&amp;", "<br>", "&#9;", " ", "\u00a0", "中", "`", "*");
    const text = fc
      .array(fc.oneof(fc.string({ maxLength: 20 }), tricky), { maxLength: 30 })
      .map((parts) => parts.join(""))
      .filter((s) => s.trim() !== "" && s.length <= MAX_IMPORT_FIELD_LENGTH);
    fc.assert(
      fc.property(fc.array(fc.record({ front: text, back: text }), { minLength: 1, maxLength: 8 }), (cards) => {
        const lines = exportAnki(cards, "en").split("\n").slice(3, -1);
        expect(lines).toHaveLength(cards.length);
        for (const line of lines) expect(line.split("\t")).toHaveLength(3);
        // Every record is read back: as a card, or (markdown that renders to nothing, e.g. raw
        // HTML the sanitizer drops) as a reported empty side — never lost, never split.
        const result = importAnki(exportAnki(cards, "en"));
        expect(result.cards.length + result.errors.length).toBe(cards.length);
        for (const card of result.cards) expect(userCardInputSchema.safeParse(card).success).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe("importAnki", () => {
  it("should accept a plain front/back/tags TSV without header lines", () => {
    const result = importAnki("What is SYN?\tsynchronise\thandshake flags\nWhat is FIN?\tfinish\n");
    expect(result).toEqual({
      cards: [
        { front: "What is SYN?", back: "synchronise", tags: ["handshake", "flags"] },
        { front: "What is FIN?", back: "finish", tags: [] },
      ],
      errors: [],
    });
  });

  it("should read quoted fields as Anki writes them: doubled quotes and embedded tabs and newlines", () => {
    const text = '#separator:tab\n#html:false\n"say ""hi"""\t"a\tb"\n"two\nlines"\tback\nlast\tone\n';
    const result = importAnki(text);
    expect(result.errors).toEqual([]);
    expect(result.cards).toEqual([
      { front: 'say "hi"', back: "a\tb", tags: [] },
      { front: "two\nlines", back: "back", tags: [] },
      { front: "last", back: "one", tags: [] },
    ]);
  });

  it("should turn the HTML of Anki's editor into markdown-like text", () => {
    const text = "#html:true\nWhat does <b>FIN</b> mean?<div>Think &lt;one&gt; direction</div>\tI&nbsp;am done&#33;<br><i>sending</i>\n";
    expect(importAnki(text).cards).toEqual([
      { front: "What does **FIN** mean?\nThink <one> direction", back: "I\u00a0am done!\n*sending*", tags: [] },
    ]);
  });

  it("should keep markup literally when the file says #html:false", () => {
    expect(importAnki("#html:false\n<b>x</b>\t&amp;\n").cards).toEqual([{ front: "<b>x</b>", back: "&amp;", tags: [] }]);
  });

  it("should honour the separator, tags column and guid column headers", () => {
    const comma = importAnki("#separator:Comma\n#tags column:1\nt1 t2,front,back\n");
    expect(comma.cards).toEqual([{ front: "front", back: "back", tags: ["t1", "t2"] }]);
    const pipe = importAnki("#separator:|\nf|b\n");
    expect(pipe.cards).toEqual([{ front: "f", back: "b", tags: [] }]);
    const guid = importAnki("#separator:tab\n#guid column:1\n#tags column:4\nabc123\tf\tb\ttag\n");
    expect(guid.cards).toEqual([{ front: "f", back: "b", tags: ["tag"] }]);
  });

  it("should add global tags from a #tags header", () => {
    expect(importAnki("#tags:tcp course\nf\tb\tx\n").cards).toEqual([{ front: "f", back: "b", tags: ["tcp", "course", "x"] }]);
  });

  it("should skip comment lines and blank lines, and handle CRLF and a byte-order mark", () => {
    const result = importAnki("\uFEFF#separator:tab\r\n\r\nf1\tb1\r\n# a comment\r\nf2\tb2\r\n");
    expect(result.cards.map((c) => c.front)).toEqual(["f1", "f2"]);
    expect(result.errors).toEqual([]);
  });

  it("should report bad records with their line number in both languages and keep the good ones", () => {
    const text = ["#separator:tab", "ok\tfine", "no back here", "\tno front", `${"x".repeat(MAX_IMPORT_FIELD_LENGTH + 1)}\tb`, "ok2\tfine2"].join("\n");
    const result = importAnki(text);
    expect(result.cards.map((c) => c.front)).toEqual(["ok", "ok2"]);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    for (const error of result.errors) {
      expect(error.message.en.length).toBeGreaterThan(0);
      expect(error.message.zh.length).toBeGreaterThan(0);
    }
    expect(result.errors[0]!.message.en).toMatch(/back/);
    expect(result.errors[1]!.message.en).toMatch(/front/);
    expect(result.errors[2]!.message.en).toMatch(String(MAX_IMPORT_FIELD_LENGTH));
  });

  it("should report a quoted field that never closes at the line where it starts", () => {
    const result = importAnki('f1\tb1\n"open\tstill open\nand more\n');
    expect(result.cards).toEqual([{ front: "f1", back: "b1", tags: [] }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.line).toBe(2);
  });

  it("should import at most the card limit and say where it stopped", () => {
    const rows = Array.from({ length: MAX_IMPORT_CARDS + 5 }, (_, i) => `q${i}\ta${i}`);
    const result = importAnki(`#separator:tab\n${rows.join("\n")}\n`);
    expect(result.cards).toHaveLength(MAX_IMPORT_CARDS);
    expect(result.errors).toHaveLength(1);
    // Header on line 1, card i on line i + 2: the first card over the limit is index MAX_IMPORT_CARDS.
    expect(result.errors[0]!.line).toBe(MAX_IMPORT_CARDS + 2);
  });

  it("should reject a file over the size limit without parsing it", () => {
    const result = importAnki("x".repeat(MAX_IMPORT_CHARS + 1));
    expect(result.cards).toEqual([]);
    expect(result.errors).toEqual([{ line: 0, message: expect.objectContaining({ en: expect.stringMatching(/too large/) }) }]);
  });

  it("should reject a tag longer than a user card allows", () => {
    const result = importAnki(`f\tb\t${"t".repeat(51)}\n`);
    expect(result.cards).toEqual([]);
    expect(result.errors[0]!.message.en).toMatch(/tag/);
  });

  it("should reject a card with more tags than a card may carry", () => {
    const tags = Array.from({ length: 13 }, (_, i) => `t${i}`).join(" ");
    const result = importAnki(`f\tb\t${tags}\n`);
    expect(result.cards).toEqual([]);
    expect(result.errors[0]!.line).toBe(1);
  });
});
