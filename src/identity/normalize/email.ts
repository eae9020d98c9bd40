/**
 * How a mailbox provider reads addresses: which domains are the same mailbox, and whether dots in
 * the local part are ignored.
 */
export interface EmailProviderRule {
  /** Domains served as one (lower case). */
  readonly domains: readonly string[];
  /** The domain written in the normalised address. */
  readonly canonicalDomain: string;
  /** Whether the provider ignores dots in the local part. */
  readonly ignoreDots: boolean;
}

/**
 * Provider rules applied by {@link normalizeEmail} when `providerRules` is on: Gmail ignores dots in
 * the local part and serves `googlemail.com` as `gmail.com`.
 *
 * @example
 * ```ts
 * EMAIL_PROVIDER_RULES[0]?.canonicalDomain; // "gmail.com"
 * ```
 */
export const EMAIL_PROVIDER_RULES: readonly EmailProviderRule[] = Object.freeze([
  Object.freeze({ domains: Object.freeze(["gmail.com", "googlemail.com"]), canonicalDomain: "gmail.com", ignoreDots: true }),
]);

/** Options of {@link normalizeEmail}. */
export interface NormalizeEmailOptions {
  /** Remove a sub-address tag: everything from the first `+` of the local part. Default `true`. */
  readonly removePlusTag?: boolean;
  /** Apply provider rules (dots, domain aliases). Default `true`. */
  readonly providerRules?: boolean;
  /** The provider rules to apply. Default {@link EMAIL_PROVIDER_RULES}. */
  readonly providers?: readonly EmailProviderRule[];
}

/** Longest text read as an address (an address is at most 254 characters; display names add some). */
const MAX_EMAIL_INPUT = 512;
const LOCAL_ATOM = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

const providerIndexes = new WeakMap<readonly EmailProviderRule[], Map<string, EmailProviderRule>>();
function providerIndex(rules: readonly EmailProviderRule[]): Map<string, EmailProviderRule> {
  let index = providerIndexes.get(rules);
  if (index === undefined) {
    index = new Map();
    for (const rule of rules) for (const d of rule.domains) index.set(d.toLowerCase(), rule);
    providerIndexes.set(rules, index);
  }
  return index;
}

/** Strips `mailto:`, a display name with angle brackets, and surrounding space. */
function unwrap(text: string): string {
  let s = text.normalize("NFKC").trim();
  const open = s.lastIndexOf("<");
  if (open >= 0 && s.endsWith(">")) s = s.slice(open + 1, -1).trim();
  if (/^mailto:/i.test(s)) s = s.slice(7);
  return s;
}

function isDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  for (const label of labels) if (!DOMAIN_LABEL.test(label)) return false;
  return TLD.test(labels[labels.length - 1]!);
}

/**
 * Normalises an email address into a matching key, or returns `undefined` when the text is not an
 * email address (no `@`, an empty or over-long part, a domain without a dot or with an invalid
 * label, quoted local parts). Steps: NFKC (full-width → half-width), trim, `mailto:` and
 * `Name <address>` unwrapped, lower case; a `+tag` removed (`removePlusTag`); provider rules
 * (`providerRules`): Gmail dots ignored and `googlemail.com` → `gmail.com`. Internationalised
 * addresses (letters beyond ASCII) are accepted. Idempotent.
 *
 * @param text - An email address as written.
 * @param options - Tag removal and provider rules; see {@link NormalizeEmailOptions}.
 * @returns The normalised address, or `undefined` when `text` is not an email address.
 * @example
 * ```ts
 * normalizeEmail("Bob.Smith+shop@GMail.com");                          // "bobsmith@gmail.com"
 * normalizeEmail("Bob.Smith+shop@GMail.com", { providerRules: false }); // "bob.smith@gmail.com"
 * normalizeEmail("Ann <ann@Example.org>");                             // "ann@example.org"
 * normalizeEmail("not an email");                                      // undefined
 * ```
 */
export function normalizeEmail(text: string, options: NormalizeEmailOptions = {}): string | undefined {
  if (text.length > MAX_EMAIL_INPUT) return undefined;
  const s = unwrap(text).toLowerCase();
  if (s.length > 254) return undefined;
  const at = s.lastIndexOf("@");
  if (at <= 0 || at === s.length - 1) return undefined;
  let local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (domain.endsWith(".")) domain = domain.slice(0, -1);
  if (local.length > 64 || !LOCAL_ATOM.test(local) || !isDomain(domain)) return undefined;
  if (options.removePlusTag ?? true) {
    const plus = local.indexOf("+");
    if (plus === 0) return undefined;
    if (plus > 0) local = local.slice(0, plus);
  }
  if (options.providerRules ?? true) return withProviderRule(local, domain, options.providers ?? EMAIL_PROVIDER_RULES);
  if (local === "" || local.endsWith(".")) return undefined;
  return `${local}@${domain}`;
}

/** The address `local@domain` after the rule of its provider, if any (`undefined` when nothing is left of it). */
function withProviderRule(local: string, domain: string, providers: readonly EmailProviderRule[]): string | undefined {
  const rule = providerIndex(providers).get(domain);
  const user = rule?.ignoreDots ? local.replace(/\./g, "") : local;
  if (user === "" || user.endsWith(".")) return undefined;
  return `${user}@${rule === undefined ? domain : rule.canonicalDomain.toLowerCase()}`;
}

/**
 * The domain of an email address after {@link normalizeEmail}, for blocking or organisation
 * matching.
 *
 * @param text - An email address as written.
 * @param options - As for {@link normalizeEmail}.
 * @returns The lower-case domain, or `undefined` when `text` is not an email address.
 * @example
 * ```ts
 * emailDomain("Ann@Example.ORG");   // "example.org"
 * emailDomain("x@googlemail.com");  // "gmail.com"
 * ```
 */
export function emailDomain(text: string, options: NormalizeEmailOptions = {}): string | undefined {
  const email = normalizeEmail(text, options);
  return email === undefined ? undefined : email.slice(email.lastIndexOf("@") + 1);
}

/**
 * The local part (before the `@`) of an email address after {@link normalizeEmail}.
 *
 * @param text - An email address as written.
 * @param options - As for {@link normalizeEmail}.
 * @returns The local part, or `undefined` when `text` is not an email address.
 * @example
 * ```ts
 * emailLocalPart("Bob.Smith+shop@gmail.com"); // "bobsmith"
 * ```
 */
export function emailLocalPart(text: string, options: NormalizeEmailOptions = {}): string | undefined {
  const email = normalizeEmail(text, options);
  return email === undefined ? undefined : email.slice(0, email.lastIndexOf("@"));
}

/**
 * Local parts that mean "no email" (`none@…`, `noemail@…`, `test@…`, `noreply@…`) whatever the
 * domain. Data for blocking: such values link unrelated customers.
 *
 * @example
 * ```ts
 * PLACEHOLDER_EMAIL_LOCAL_PARTS.includes("noemail"); // true
 * ```
 */
export const PLACEHOLDER_EMAIL_LOCAL_PARTS: readonly string[] = Object.freeze([
  "none", "noemail", "no-email", "no_email", "nomail", "no-mail", "noname", "na", "n/a", "nil", "null",
  "unknown", "test", "testing", "tester", "noreply", "no-reply", "donotreply", "do-not-reply", "dummy",
  "fake", "invalid", "asdf", "abc", "xxx", "xx", "x", "a", "email", "mail", "anonymous", "nobody", "void",
]);

/**
 * Domains that are placeholders, not mailboxes: the reserved `example.*`, `*.invalid` and `*.test`
 * names (RFC 2606) and common made-up ones (`test.com`, `none.com`, `noemail.com`).
 *
 * @example
 * ```ts
 * PLACEHOLDER_EMAIL_DOMAINS.includes("example.com"); // true
 * ```
 */
export const PLACEHOLDER_EMAIL_DOMAINS: readonly string[] = Object.freeze([
  "example.com", "example.org", "example.net", "test.com", "none.com", "noemail.com", "nomail.com",
  "email.invalid", "invalid.com", "fake.com", "dummy.com", "na.com", "no.com", "unknown.com", "null.com",
  "asdf.com", "xxx.com", "abc.com",
]);

/**
 * Whole addresses commonly typed into required email fields when the customer has none; every
 * address whose local part is in {@link PLACEHOLDER_EMAIL_LOCAL_PARTS} or whose domain is in
 * {@link PLACEHOLDER_EMAIL_DOMAINS} is a placeholder too (see {@link isPlaceholderEmail}).
 *
 * @example
 * ```ts
 * PLACEHOLDER_EMAILS.includes("test@test.com"); // true
 * ```
 */
export const PLACEHOLDER_EMAILS: readonly string[] = Object.freeze([
  "test@test.com", "none@none.com", "noemail@noemail.com", "no@email.com", "noemail@gmail.com",
  "none@gmail.com", "na@na.com", "a@a.com", "x@x.com", "abc@abc.com", "email@email.com", "test@gmail.com",
  "noreply@gmail.com", "nomail@nomail.com", "unknown@unknown.com", "123@123.com",
]);

const placeholderLocals = new Set(PLACEHOLDER_EMAIL_LOCAL_PARTS);
const placeholderDomains = new Set(PLACEHOLDER_EMAIL_DOMAINS);
const placeholderEmails = new Set(PLACEHOLDER_EMAILS);

/**
 * Whether an email address is a placeholder rather than a customer's mailbox: listed in
 * {@link PLACEHOLDER_EMAILS}, a placeholder local part or domain, a `*.invalid`, `*.test`,
 * `*.example` or `*.localhost` domain, or a local part of one repeated character (`xxxx@…`).
 * Addresses that are not addresses at all are not placeholders (they are missing values).
 *
 * @param text - An email address, as written or normalised.
 * @returns `true` for a placeholder.
 * @example
 * ```ts
 * isPlaceholderEmail("noemail@shop.com"); // true
 * isPlaceholderEmail("Test@Test.com");    // true
 * isPlaceholderEmail("ann@example.org");  // true
 * isPlaceholderEmail("ann@acme.org");     // false
 * ```
 */
export function isPlaceholderEmail(text: string): boolean {
  const email = normalizeEmail(text, PLACEHOLDER_FORM);
  return email !== undefined && isPlaceholderForm(email);
}

/** How an address is normalised to be recognised as a placeholder: tag removed, no provider rules. */
const PLACEHOLDER_FORM: NormalizeEmailOptions = { removePlusTag: true, providerRules: false };

/** Whether an address in {@link PLACEHOLDER_FORM} is a placeholder. */
function isPlaceholderForm(email: string): boolean {
  if (placeholderEmails.has(email)) return true;
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (placeholderLocals.has(local) || placeholderDomains.has(domain)) return true;
  if (/\.(?:invalid|test|example|localhost)$/.test(domain)) return true;
  return local.length > 1 && /^(.)\1+$/u.test(local);
}

/**
 * An address read once for both uses (internal): whether it is a placeholder, and its matching
 * key under `options` (`removePlusTag` and `providerRules` only; the default providers) — the
 * same as {@link isPlaceholderEmail} and {@link normalizeEmail} give, for about half the work.
 *
 * @param text - An email address as written.
 * @param options - Tag removal and provider rules.
 * @returns The placeholder verdict and the key (`undefined` when not an address).
 */
export function readEmail(text: string, options: Pick<NormalizeEmailOptions, "removePlusTag" | "providerRules">): { placeholder: boolean; key: string | undefined } {
  const form = normalizeEmail(text, PLACEHOLDER_FORM);
  if (form === undefined || options.removePlusTag === false) return { placeholder: form !== undefined && isPlaceholderForm(form), key: normalizeEmail(text, options) };
  const placeholder = isPlaceholderForm(form);
  if (options.providerRules === false) return { placeholder, key: form };
  const at = form.lastIndexOf("@");
  return { placeholder, key: withProviderRule(form.slice(0, at), form.slice(at + 1), EMAIL_PROVIDER_RULES) };
}
