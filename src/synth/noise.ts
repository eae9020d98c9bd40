/** The ways source systems corrupt values, as small pure functions of a random stream. */
import type { Rng } from "../_lib/random.js";

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const NEIGHBOURS: Record<string, string> = {};
for (let r = 0; r < KEYBOARD_ROWS.length; r++) {
  const row = KEYBOARD_ROWS[r]!;
  for (let c = 0; c < row.length; c++) {
    NEIGHBOURS[row[c]!] = (row[c - 1] ?? "") + (row[c + 1] ?? "") + (KEYBOARD_ROWS[r + 1]?.[c] ?? "") + (KEYBOARD_ROWS[r - 1]?.[c] ?? "");
  }
}

/** One keyboard typo: a neighbouring key, a dropped, doubled or transposed letter. */
export function typo(rng: Rng, text: string): string {
  if (text.length < 3) return text;
  const i = 1 + rng.int(text.length - 1); // keep the first letter, as most typos do
  const ch = text[i]!;
  switch (rng.int(4)) {
    case 0: {
      const lower = ch.toLowerCase();
      const options = NEIGHBOURS[lower];
      if (!options) return text;
      const sub = options[rng.int(options.length)]!;
      return text.slice(0, i) + (ch === lower ? sub : sub.toUpperCase()) + text.slice(i + 1);
    }
    case 1:
      return text.slice(0, i) + text.slice(i + 1);
    case 2:
      return text.slice(0, i) + ch + text.slice(i);
    default:
      return i + 1 < text.length ? text.slice(0, i) + text[i + 1]! + ch + text.slice(i + 2) : text;
  }
}

/** A single wrong digit, as when a number is misheard or mistyped. */
export function digitTypo(rng: Rng, text: string): string {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) positions.push(i);
  if (positions.length < 4) return text;
  const i = positions[positions.length - 1 - rng.int(Math.min(6, positions.length))]!;
  const d = (Number(text[i]) + 1 + rng.int(9)) % 10;
  return text.slice(0, i) + String(d) + text.slice(i + 1);
}

/** Converts ASCII digits and letters to their full-width forms (U+FF10…), as some East Asian input methods do. */
export function toFullWidth(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c > 32 && c < 127 ? String.fromCharCode(c + 0xfee0) : text[i];
  }
  return out;
}

/** Upper-cases, lower-cases or keeps the text, with the given probabilities. */
export function caseVariant(rng: Rng, text: string, upper: number, lower: number): string {
  const u = rng.next();
  return u < upper ? text.toUpperCase() : u < upper + lower ? text.toLowerCase() : text;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar date. */
export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** Writes a date the way a system of the given style does. */
export function formatDate(date: Ymd, style: "iso" | "dmy" | "mdy" | "compact" | "dotted" | "text"): string {
  const { y, m, d } = date;
  switch (style) {
    case "iso":
      return `${y}-${pad(m)}-${pad(d)}`;
    case "dmy":
      return `${pad(d)}/${pad(m)}/${y}`;
    case "mdy":
      return `${pad(m)}/${pad(d)}/${y}`;
    case "compact":
      return `${y}${pad(m)}${pad(d)}`;
    case "dotted":
      return `${pad(d)}.${pad(m)}.${y}`;
    case "text":
      return `${d} ${MONTHS[m - 1]} ${y}`;
  }
}

/** A date with a typical entry error: day and month swapped, or a wrong digit in the year. */
export function corruptDate(rng: Rng, date: Ymd): Ymd {
  if (date.d <= 12 && date.d !== date.m && rng.chance(0.6)) return { y: date.y, m: date.d, d: date.m };
  return { y: date.y + (rng.chance(0.5) ? 1 : -1) * (rng.chance(0.7) ? 1 : 10), m: date.m, d: date.d };
}

/** Email variants: case changes, a plus-tag, or Gmail's ignored dots. */
export function emailVariant(rng: Rng, email: string, tag: string): string {
  const at = email.indexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const u = rng.next();
  if (u < 0.4) return `${local[0]!.toUpperCase()}${local.slice(1).replace(/\.(\w)/, (_, c: string) => `.${c.toUpperCase()}`)}@${domain}`;
  if (u < 0.7) return `${local}+${tag}@${domain}`;
  if (u < 0.85 && domain === "gmail.com") return `${local.replace(/\./g, "")}@${domain}`;
  return email.toUpperCase();
}
