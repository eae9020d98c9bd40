import { z } from "zod";

/**
 * ISO 4217 currencies whose minor unit is not 2 digits (facts from the ISO 4217 list); every
 * other valid code has 2.
 */
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/**
 * Active ISO 4217 currency codes (the ISO 4217 list, fund codes included; precious metals, testing
 * and special drawing rights codes, which have no minor unit, excluded). Bundled rather than read
 * from `Intl`, whose list changes with the runtime's ICU version.
 */
const ISO_4217 = new Set(
  ("AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF " +
    "CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF " +
    "GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL " +
    "LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN " +
    "PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD " +
    "TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL").split(" "),
);

/**
 * Whether `code` is an active ISO 4217 alphabetic currency code (`"EUR"`, `"JPY"`).
 *
 * @param code - Three upper-case letters.
 * @returns `true` for a known code.
 * @example
 * ```ts
 * isCurrencyCode("EUR"); // true
 * isCurrencyCode("EURO"); // false
 * ```
 */
export function isCurrencyCode(code: string): boolean {
  return ISO_4217.has(code);
}

/**
 * The number of minor-unit digits of an ISO 4217 currency: 2 for EUR (cents), 0 for JPY, 3 for KWD.
 *
 * @param currency - An ISO 4217 code.
 * @returns The exponent.
 * @throws RangeError when `currency` is not a known ISO 4217 code.
 * @example
 * ```ts
 * minorUnitExponent("JPY"); // 0
 * ```
 */
export function minorUnitExponent(currency: string): number {
  if (!isCurrencyCode(currency)) throw new RangeError(`unknown ISO 4217 currency code "${currency.slice(0, 20)}"`);
  return MINOR_UNIT_EXCEPTIONS[currency] ?? 2;
}

/** Expands a JavaScript number's shortest decimal form (`1e-7`, `1.5e21`) into plain digits. */
function plainDecimal(value: number): string {
  const text = String(value);
  const e = text.toLowerCase().indexOf("e");
  if (e < 0) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [intPart = "", fracPart = ""] = mantissa.split(".");
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  const body =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? "-" : "") + body;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/**
 * Converts an amount in major units (`"12.34"` or `12.34` euros) into integer minor units (`1234`
 * cents) using the currency's exponent. The conversion works on the decimal digits, never on
 * binary floating point, so `0.1 + 0.2`-style drift cannot occur. Digits beyond the currency's
 * precision are rounded half away from zero (`"0.125"` EUR → 13).
 *
 * @param amount - A finite number, or a decimal string with an optional sign (no exponent, no
 *   thousands separators).
 * @param currency - An ISO 4217 code.
 * @returns The amount as an integer number of minor units.
 * @throws RangeError when the amount is not a finite decimal, the currency is unknown, or the
 *   result exceeds `Number.MAX_SAFE_INTEGER`.
 * @example
 * ```ts
 * toMinorUnits("12.34", "EUR"); // 1234
 * toMinorUnits(0.1 + 0.2, "EUR"); // 30
 * toMinorUnits(1500, "JPY");  // 1500
 * ```
 */
export function toMinorUnits(amount: number | string, currency: string): number {
  const exponent = minorUnitExponent(currency);
  if (typeof amount === "number" && !Number.isFinite(amount)) throw new RangeError("amount must be a finite number");
  const text = typeof amount === "number" ? plainDecimal(amount) : amount.trim();
  if (text.length > 400) throw new RangeError("amount has too many digits");
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`amount "${text.slice(0, 40)}" is not a decimal number`);
  const sign = (m[1] ?? m[4]) === "-" ? -1n : 1n;
  const intDigits = m[2] ?? "0";
  const fracDigits = m[3] ?? m[5] ?? "";
  const kept = (fracDigits + "0".repeat(exponent)).slice(0, exponent);
  const rest = fracDigits.slice(exponent);
  let minor = BigInt(intDigits + kept);
  if (rest !== "" && rest.charCodeAt(0) >= 53 /* '5' */) minor += 1n;
  const result = sign * minor;
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("amount is too large to be held exactly in minor units");
  }
  return Number(result) + 0; // + 0 turns -0 into 0
}

/**
 * Formats integer minor units as a plain decimal string in major units (`1234` cents → `"12.34"`),
 * the exact inverse of {@link toMinorUnits} for amounts within the currency's precision.
 *
 * @param minor - An integer number of minor units.
 * @param currency - An ISO 4217 code.
 * @returns A decimal string with exactly the currency's number of fraction digits.
 * @throws RangeError when `minor` is not a safe integer or the currency is unknown.
 * @example
 * ```ts
 * fromMinorUnits(1234, "EUR"); // "12.34"
 * fromMinorUnits(-5, "KWD");   // "-0.005"
 * ```
 */
export function fromMinorUnits(minor: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  if (!Number.isSafeInteger(minor)) throw new RangeError("minor units must be a safe integer");
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const body = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${body}` : body;
}

/**
 * An ISO 4217 currency code; lower case is accepted and upper-cased.
 *
 * @example
 * ```ts
 * CurrencySchema.parse("eur"); // "EUR"
 * ```
 */
export const CurrencySchema = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.string().refine(isCurrencyCode, { message: "expected an ISO 4217 currency code such as EUR, USD or JPY" }),
);

/**
 * An integer amount of minor units (cents, pence, yen); must be a safe integer.
 *
 * @example
 * ```ts
 * MinorUnitsSchema.parse(1999); // 1999
 * ```
 */
export const MinorUnitsSchema = z.number().refine(Number.isSafeInteger, {
  message: "amounts in minor units must be integers between -(2^53 - 1) and 2^53 - 1",
});
