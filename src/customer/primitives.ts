import { z } from "zod";

/** Longest accepted identifier, in characters. */
export const MAX_ID_LENGTH = 256;
/** Longest accepted short text value (a name, an email, a phone number), in characters. */
export const MAX_TEXT_LENGTH = 1_000;
/** Longest accepted free-text value (an outcome note, an attribute), in characters. */
export const MAX_LONG_TEXT_LENGTH = 10_000;

/** `null`, empty and whitespace-only strings mean "missing". */
const blankToUndefined = (value: unknown): unknown =>
  value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

/** Trims strings; writes finite numbers as decimal strings (exports often type phones and postcodes as numbers). */
const asText = (value: unknown): unknown =>
  typeof value === "string" ? value.trim() : typeof value === "number" && Number.isFinite(value) ? String(value) : value;

/** C0 and C1 control characters, which have no place in an identifier. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * An identifier: a non-empty string of at most {@link MAX_ID_LENGTH} characters, trimmed. Numbers
 * are accepted and turned into their decimal string, since many systems export ids as numbers.
 *
 * @example
 * ```ts
 * IdSchema.parse(" C-001 "); // "C-001"
 * IdSchema.parse(42);        // "42"
 * ```
 */
export const IdSchema = z.preprocess(
  (value) => (typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" ? value.trim() : value),
  z
    .string()
    .min(1, "must not be empty")
    .max(MAX_ID_LENGTH)
    .refine((id) => !CONTROL.test(id), { message: "must not contain control characters" }),
);

/**
 * Optional short text: trimmed; `null` or an empty or whitespace-only value means "missing" and
 * becomes `undefined`, never an empty string that a matcher would compare. A finite number is
 * accepted as its decimal string (exports often type postcodes as numbers).
 *
 * @example
 * ```ts
 * OptionalTextSchema.parse("  Ann "); // "Ann"
 * OptionalTextSchema.parse("   ");    // undefined
 * ```
 */
export const OptionalTextSchema = z.preprocess(
  (value) => blankToUndefined(asText(value)),
  z.string().max(MAX_TEXT_LENGTH).optional(),
);

/**
 * A list of short texts: a single value is accepted as a one-element list; `null` and blank
 * entries are dropped (they are missing values, not values); finite numbers become decimal strings
 * (phone numbers exported as numbers); duplicates are kept as the source gave them.
 *
 * @example
 * ```ts
 * TextListSchema.parse("ann@example.com");       // ["ann@example.com"]
 * TextListSchema.parse(["a@x.org", " ", null]);  // ["a@x.org"]
 * ```
 */
export const TextListSchema = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map(asText).filter((v) => v !== undefined && v !== null && v !== "");
  },
  z.array(z.string().max(MAX_TEXT_LENGTH)).max(100),
);

/** Earliest instant accepted at the boundary: 0001-01-01T00:00:00Z. */
export const MIN_DATE_MS = -62_135_596_800_000; // Date.UTC would read year 1 as 1901
/** Latest instant accepted at the boundary: 9999-12-31T23:59:59.999Z. */
export const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const ISO_DATE_TIME =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO 8601 date (`2024-03-05`) or date-time (`2024-03-05T14:30:00Z`,
 * `2024-03-05 14:30:00+01:00`) into a `Date`. A date-time without an offset is read as UTC, so
 * the result never depends on the machine's time zone. Returns `undefined` for anything else,
 * including impossible calendar dates such as `2023-02-30`.
 *
 * @param text - The string to read.
 * @returns The instant, or `undefined` when `text` is not a valid ISO 8601 date.
 * @example
 * ```ts
 * parseIsoDate("2024-03-05")?.toISOString();            // "2024-03-05T00:00:00.000Z"
 * parseIsoDate("2024-03-05T14:30:00+01:00")?.toISOString(); // "2024-03-05T13:30:00.000Z"
 * parseIsoDate("2023-02-30");                            // undefined
 * ```
 */
export function parseIsoDate(text: string): Date | undefined {
  if (text.length > 64) return undefined;
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number((frac + "000").slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  let time = date.getTime();
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offH = Number(digits.slice(0, 2));
    const offM = Number(digits.slice(2, 4) || "0");
    if (offH > 23 || offM > 59) return undefined;
    time -= sign * (offH * 60 + offM) * 60_000;
  }
  return Number.isFinite(time) ? new Date(time) : undefined;
}

/**
 * An instant: a `Date` or an ISO 8601 string (see {@link parseIsoDate}), between the years 1 and
 * 9999. The output is always a valid `Date`.
 *
 * @example
 * ```ts
 * DateSchema.parse("2024-03-05T10:00:00Z"); // Date
 * DateSchema.safeParse("yesterday").success; // false
 * ```
 */
export const DateSchema = z
  .union([z.date(), z.string().max(64)], { error: "expected a Date or an ISO 8601 date string" })
  .transform((value, ctx) => {
    const date = typeof value === "string" ? parseIsoDate(value) : value;
    const time = date?.getTime();
    if (date === undefined || time === undefined || Number.isNaN(time)) {
      ctx.addIssue({ code: "custom", message: "expected an ISO 8601 date such as 2024-03-05 or 2024-03-05T14:30:00Z" });
      return z.NEVER;
    }
    if (time < MIN_DATE_MS || time > MAX_DATE_MS) {
      ctx.addIssue({ code: "custom", message: "date must lie between the years 1 and 9999" });
      return z.NEVER;
    }
    return new Date(time);
  });

/** An optional instant; blank strings mean missing. See {@link DateSchema}. */
export const OptionalDateSchema = z.preprocess(blankToUndefined, DateSchema.optional());

/**
 * A contact channel, shared by transactions, interactions, consents and contact preferences.
 *
 * @example
 * ```ts
 * ChannelSchema.parse("email"); // "email"
 * ```
 */
export const ChannelSchema = z.enum([
  "store",
  "web",
  "app",
  "phone",
  "call-centre",
  "email",
  "sms",
  "mail",
  "branch",
  "field-sales",
  "social",
  "partner",
  "other",
]);
/** A contact channel; see {@link ChannelSchema}. */
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * The gender values idic keeps.
 *
 * @example
 * ```ts
 * GenderValueSchema.options; // ["female", "male", "other"]
 * ```
 */
export const GenderValueSchema = z.enum(["female", "male", "other"]);
/** A customer's gender; see {@link GenderSchema}. */
export type Gender = z.infer<typeof GenderValueSchema>;

/**
 * A customer's gender as recorded. Common source codes are mapped at the boundary: `F`, `W`,
 * `female`, `woman` → `"female"`; `M`, `male`, `man` → `"male"`; `X`, `D`, `other`, `diverse`,
 * `non-binary` → `"other"`; blank, `U` and `unknown` → missing.
 *
 * @example
 * ```ts
 * GenderSchema.parse("F"); // "female"
 * ```
 */
export const GenderSchema: z.ZodPreprocess<z.ZodOptional<typeof GenderValueSchema>, unknown> = z.preprocess((value) => {
  if (value === null) return undefined;
  if (typeof value !== "string") return value;
  const key = value.trim().toLowerCase();
  if (["f", "w", "female", "woman"].includes(key)) return "female";
  if (["m", "male", "man"].includes(key)) return "male";
  if (["x", "d", "o", "other", "diverse", "non-binary", "nonbinary"].includes(key)) return "other";
  if (["", "u", "unknown", "n/a"].includes(key)) return undefined;
  return key;
}, GenderValueSchema.optional());

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Free attributes of a record: string, finite number, boolean or date values only. Keys that
 * could alter an object's prototype (`__proto__`, `constructor`, `prototype`) are rejected, and
 * the output is an object without a prototype, so user data can never pollute one.
 *
 * @example
 * ```ts
 * AttributesSchema.parse({ loyaltyTier: "gold", visits: 12, vip: true });
 * ```
 */
export const AttributesSchema = z
  .unknown()
  .optional()
  .transform((value, ctx): Record<string, string | number | boolean | Date> => {
    const out: Record<string, string | number | boolean | Date> = Object.create(null);
    if (value === undefined || value === null) return out;
    const proto = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
    if (typeof value !== "object" || (proto !== Object.prototype && proto !== null)) {
      ctx.addIssue({ code: "custom", message: "attributes must be a plain object of string, number, boolean or date values" });
      return z.NEVER;
    }
    const keys = Object.keys(value);
    if (keys.length > 1_000) {
      ctx.addIssue({ code: "custom", message: "at most 1000 attributes are accepted" });
      return z.NEVER;
    }
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (FORBIDDEN_KEYS.has(key) || key.length > MAX_ID_LENGTH) {
        ctx.addIssue({ code: "custom", path: [key], message: `attribute key "${key.slice(0, 40)}" is not allowed` });
      } else if (typeof v === "string") {
        if (v.length > MAX_LONG_TEXT_LENGTH) ctx.addIssue({ code: "custom", path: [key], message: `attribute is longer than ${MAX_LONG_TEXT_LENGTH} characters` });
        else out[key] = v;
      } else if (typeof v === "number") {
        if (Number.isFinite(v)) out[key] = v;
        else ctx.addIssue({ code: "custom", path: [key], message: "attribute must be a finite number" });
      } else if (typeof v === "boolean") {
        out[key] = v;
      } else if (v instanceof Date && !Number.isNaN(v.getTime())) {
        out[key] = new Date(v.getTime());
      } else if (v !== undefined && v !== null) {
        ctx.addIssue({ code: "custom", path: [key], message: "attribute must be a string, finite number, boolean or valid Date" });
      }
    }
    return out;
  });
/** Free attributes of a record; see {@link AttributesSchema}. */
export type Attributes = z.infer<typeof AttributesSchema>;
