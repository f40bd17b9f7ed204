/**
 * Tolerant matching of a short free-text answer against a question's accepted answers
 * (issue #15 item 3). Exact match after normalisation rejected right answers that students
 * actually type: "RST flag", "Reset (RST)", "CLOSE_WAIT state", "net.ipv4.tcp_abort_on_overflow=1",
 * "Broken pipe (EPIPE)", "listen(2)". The rules, in order:
 *
 * 1. Canonical tokens: NFKC, case-folded, `_`/`-`/`.`/`/` and brackets split tokens; a man-page
 *    section ("listen(2)") and a call's empty parentheses ("listen()") are dropped; a sysctl's
 *    `net.ipv4.` / `net.core.` prefix is optional (sysctl(8) accepts both the dotted and the
 *    /proc/sys path, and people write it either way); an errno number stands for its name
 *    (Linux's include/uapi/asm-generic/errno-base.h and errno.h), so "32" matches EPIPE.
 * 2. The accepted answer's tokens must appear, in order and adjacent, in the answer.
 * 3. `name=value` / `name = value` / `name value` are one form: an accepted answer that names a
 *    setting without a value accepts any value only if it is the one the accepted answer gives
 *    (when it gives one); a value in the answer never contradicts a value in the key.
 * 4. A shotgun answer does not score: if the answer also names another TCP flag, TCP state,
 *    socket call or errno (a competing term the key does not contain), or negates ("not RST", "不是"), it is
 *    wrong; and at most MAX_EXTRA_TOKENS words may surround the key ("RST flag", "Broken pipe").
 *
 * Chinese has no spaces: an accepted answer containing CJK characters matches as a substring of
 * the answer with spaces removed, under the same negation rule.
 */

/** Linux errno numbers (include/uapi/asm-generic/errno-base.h, errno.h) for the errnos the lessons use. */
export const ERRNO_NUMBERS: Readonly<Record<string, number>> = {
  eperm: 1,
  enoent: 2,
  eintr: 4,
  ebadf: 9,
  eagain: 11,
  ewouldblock: 11,
  enomem: 12,
  eacces: 13,
  einval: 22,
  emfile: 24,
  epipe: 32,
  enotsock: 88,
  eaddrinuse: 98,
  eaddrnotavail: 99,
  enetunreach: 101,
  econnaborted: 103,
  econnreset: 104,
  enobufs: 105,
  eisconn: 106,
  enotconn: 107,
  etimedout: 110,
  econnrefused: 111,
  ehostunreach: 113,
  ealready: 114,
  einprogress: 115,
};

/** TCP flags (RFC 9293 §3.1) and states (RFC 9293 §3.3.2, plus Linux's ss spellings), as canonical tokens. */
const FLAG_TOKENS = ["syn", "ack", "fin", "rst", "psh", "urg", "ece", "cwr"];
const STATE_TERMS = [
  "listen",
  "syn sent",
  "syn recv",
  "syn received",
  "syn rcvd",
  "established",
  "fin wait 1",
  "fin wait1",
  "fin wait 2",
  "fin wait2",
  "close wait",
  "closing",
  "last ack",
  "time wait",
  "closed",
];
/** Socket calls (socket(2), bind(2), listen(2), accept(2), connect(2), shutdown(2), close(2)…). */
const CALL_TOKENS = ["socket", "bind", "listen", "accept", "accept4", "connect", "send", "sendto", "sendmsg", "recv", "recvfrom", "recvmsg", "read", "write", "shutdown", "close", "setsockopt"];
const COMPETING_TERMS: readonly string[][] = [
  ...FLAG_TOKENS.map((f) => [f]),
  ...CALL_TOKENS.map((c) => [c]),
  ...STATE_TERMS.map((s) => s.split(" ")),
  ...Object.keys(ERRNO_NUMBERS).map((e) => [e]),
];

const NEGATIONS = new Set(["not", "no", "never", "isnt", "isn't", "without", "non"]);
const CJK_NEGATION = /不是|不会|没有|并非|非|不/;
/** Words an answer may add around the key ("RST flag", "Broken pipe (EPIPE)", "CLOSE_WAIT state"). */
export const MAX_EXTRA_TOKENS = 4;

const SYSCTL_PREFIXES = [["net", "ipv4"], ["net", "ipv6"], ["net", "core"], ["proc", "sys", "net", "ipv4"]];

function hasCjk(s: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/.test(s);
}

/**
 * Canonical tokens of a short answer. Keeps `=` as its own token so value forms can be compared.
 */
export function answerTokens(s: string): string[] {
  const text = s
    .normalize("NFKC")
    .toLowerCase()
    // listen(2), accept4(2): a man-page section; listen(): an empty call.
    .replace(/\(\s*[1-8]?\s*\)/g, " ")
    .replace(/=/g, " = ");
  const raw = text.split(/[\s_\-\u2010-\u2015./\\()[\]{}"'`“”‘’「」『』,;:!?。，、；：！？]+/).filter((t) => t !== "");
  // "errno EPIPE" / "errno 32": the word errno adds nothing.
  return stripSysctlPrefix(raw.filter((t, i) => !(t === "errno" && i < raw.length - 1)));
}

function stripSysctlPrefix(tokens: string[]): string[] {
  for (const prefix of SYSCTL_PREFIXES) {
    if (prefix.every((p, i) => tokens[i] === p) && tokens.length > prefix.length) return tokens.slice(prefix.length);
  }
  return tokens;
}

/** An answer token stands for a key token: the same word, or an errno's number for its name ("32" for EPIPE). */
function sameToken(got: string, key: string): boolean {
  if (got === key) return true;
  const n = ERRNO_NUMBERS[key];
  return n !== undefined && /^(?:errno)?\d{1,3}$/.test(got) && Number(got.replace("errno", "")) === n;
}

/** Start index of `needle` as adjacent tokens inside `hay`, or -1. */
function findRun(hay: readonly string[], needle: readonly string[], same: (got: string, key: string) => boolean = sameToken): number {
  if (needle.length === 0) return -1;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (!same(hay[i + j]!, needle[j]!)) continue outer;
    return i;
  }
  return -1;
}

/** Splits `name = value` (or `name value` when the key gives a value) into its two parts. */
function splitSetting(tokens: string[]): { name: string[]; value: string[] | null } {
  const eq = tokens.indexOf("=");
  if (eq === -1) return { name: tokens, value: null };
  return { name: tokens.slice(0, eq), value: tokens.slice(eq + 1) };
}

/** Does the answer name a competing term (flag, state, errno) that the key does not contain? */
function namesCompetingTerm(answer: readonly string[], key: readonly string[]): boolean {
  // Exact words only: a setting's value "1" is not errno 1.
  const exact = (a: string, b: string) => a === b;
  return COMPETING_TERMS.some((term) => findRun(answer, term, exact) !== -1 && findRun(key, term, exact) === -1);
}

/** True when the typed answer matches one accepted answer under the rules above. */
export function matchesAccepted(answer: string, accepted: string): boolean {
  if (hasCjk(accepted) || hasCjk(answer)) {
    const a = answer.normalize("NFKC").toLowerCase().replace(/[\s_\-.]+/g, "");
    const k = accepted.normalize("NFKC").toLowerCase().replace(/[\s_\-.]+/g, "");
    if (k === "" || !a.includes(k)) {
      // A Chinese answer may still contain the English key ("状态是 CLOSE_WAIT").
      if (hasCjk(accepted)) return false;
    } else {
      return !CJK_NEGATION.test(a.replace(k, "")) || CJK_NEGATION.test(k);
    }
  }
  const keyTokens = answerTokens(accepted);
  const answerAll = answerTokens(answer);
  if (keyTokens.length === 0 || answerAll.length === 0) return false;
  if (answerAll.some((t) => NEGATIONS.has(t)) && !keyTokens.some((t) => NEGATIONS.has(t))) return false;
  if (hasCjk(answer) && CJK_NEGATION.test(answer)) return false;

  const key = splitSetting(keyTokens);
  const got = splitSetting(answerAll.filter((t) => !hasCjk(t)));
  // A value form: the key names a setting; the answer may add "= value" or " value".
  let names = got.name;
  let value = got.value;
  const at = findRun(names, key.name);
  if (at === -1) return false;
  if (value === null && key.value !== null) {
    // "tcp_abort_on_overflow 1": the value follows the name without "=".
    value = names.slice(at + key.name.length);
    names = names.slice(0, at + key.name.length);
  }
  if (key.value !== null) {
    if (value === null || value.join(" ") !== key.value.join(" ")) return false;
  }
  const extra = names.length - key.name.length;
  if (extra > MAX_EXTRA_TOKENS) return false;
  return !namesCompetingTerm(answerAll, keyTokens);
}

/** True when the answer matches any accepted answer. */
export function matchesAny(answer: string, accepted: readonly string[]): boolean {
  return accepted.some((k) => matchesAccepted(answer, k));
}

/** Units a numeric answer may be typed in, with their factor to seconds (time is the only dimension the lessons need). */
const TIME_UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  秒: 1,
  秒钟: 1,
  ms: 1e-3,
  msec: 1e-3,
  msecs: 1e-3,
  millisecond: 1e-3,
  milliseconds: 1e-3,
  毫秒: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  microsecond: 1e-6,
  microseconds: 1e-6,
  微秒: 1e-6,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  分钟: 60,
};

/** Seconds per unit for a unit spelling, or undefined when it is not a time unit. */
export function timeUnitFactor(unit: string): number | undefined {
  return TIME_UNITS[unit.normalize("NFKC").trim().toLowerCase()];
}

/**
 * Converts a value typed in `typedUnit` to `keyUnit` when both are time units ("200 ms" against
 * a key in seconds is 0.2). Undefined when either is not a time unit.
 */
export function convertTime(value: number, typedUnit: string, keyUnit: string): number | undefined {
  const from = timeUnitFactor(typedUnit);
  const to = timeUnitFactor(keyUnit);
  if (from === undefined || to === undefined) return undefined;
  return (value * from) / to;
}
