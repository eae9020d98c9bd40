import { hashString } from "../_lib/random.js";
import { copyAddress } from "./memo.js";
import type { Address, Organization, SourceRecord } from "../customer/index.js";
import { emailDomain, normalizeAddress, normalizeName } from "./normalize/index.js";
import type { EntityMember } from "./households.js";
import { addressCacheKey, addressFromCacheKey, memoize } from "./memo.js";
import { normalizeOrganizationName } from "./organization-name.js";
import { UnionFind } from "./union-find.js";

/**
 * Mail domains of public providers: a shared one says nothing about a shared employer.
 *
 * @example
 * ```ts
 * PUBLIC_EMAIL_DOMAINS.includes("gmail.com"); // true
 * ```
 */
export const PUBLIC_EMAIL_DOMAINS: readonly string[] = Object.freeze([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.com",
  "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com",
  "aol.com", "gmx.de", "gmx.net", "web.de", "t-online.de", "orange.fr", "free.fr", "laposte.net", "qq.com", "163.com",
  "126.com", "sina.com", "sohu.com", "yeah.net", "proton.me", "protonmail.com", "mail.ru", "yandex.ru", "btinternet.com",
  "sky.com", "virginmedia.com", "comcast.net", "verizon.net", "att.net",
]);

/**
 * Options of {@link groupOrganizations}.
 *
 * @example
 * ```ts
 * const options: OrganizationOptions = { byEmailDomain: false };
 * ```
 */
export interface OrganizationOptions {
  /** Also link contacts whose work emails share a company domain (default `true`). */
  readonly byEmailDomain?: boolean;
  /** Domains that never link (default {@link PUBLIC_EMAIL_DOMAINS}). */
  readonly publicDomains?: readonly string[];
}

/**
 * The outcome of {@link groupOrganizations}.
 *
 * @example
 * ```ts
 * const { organizations, organizationsOf } = groupOrganizations(members);
 * ```
 */
export interface OrganizationGrouping {
  /** The organizations, ordered by id. */
  readonly organizations: Organization[];
  /** Organization ids per person id (people who are contacts of none are absent). */
  readonly organizationsOf: ReadonlyMap<string, readonly string[]>;
}

const slug = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "x";

/**
 * Groups the contacts among person entities into organizations and departments: records that
 * name an organization (`organizationName`) are grouped by the organization-name key (`"ACME
 * LIMITED"` = `"Acme Ltd"`) and, optionally, by a shared company email domain (never a public one
 * such as gmail.com). Each organization lists its departments (by normalised department name)
 * and its contacts with department and job title; its name is the most common way it is written.
 * Ids derive from the organization's name key, so they are stable across runs.
 *
 * @param members - Person entities with their source records.
 * @param options - Email-domain linking; see {@link OrganizationOptions}.
 * @returns The organizations and each contact's organizations.
 * @example
 * ```ts
 * const { organizations } = groupOrganizations(members);
 * organizations[0]?.departments.map((d) => d.name); // ["Purchasing", "IT"]
 * ```
 */
export function groupOrganizations(members: readonly EntityMember[], options: OrganizationOptions = {}): OrganizationGrouping {
  const publicDomains = new Set(options.publicDomains ?? PUBLIC_EMAIL_DOMAINS);
  const orgKey = memoize(normalizeOrganizationName);
  const addressLine = memoize((key) => normalizeAddress(addressFromCacheKey(key)).line);
  // Each distinct organization-name key is a node; shared company domains join nodes.
  const names = new Map<string, number>();
  const nodeOf = (key: string): number => names.get(key) ?? names.set(key, names.size).get(key)!;
  const contacts: { member: EntityMember; record: SourceRecord; node: number }[] = [];
  const domainNodes = new Map<string, number[]>();
  for (const member of members) {
    for (const record of member.records) {
      if (record.organizationName === undefined) continue;
      const key = orgKey(record.organizationName);
      if (key === "") continue;
      const node = nodeOf(key);
      contacts.push({ member, record, node });
      if (options.byEmailDomain ?? true) {
        for (const e of record.emails) {
          const domain = emailDomain(e);
          if (domain !== undefined && !publicDomains.has(domain)) (domainNodes.get(domain) ?? domainNodes.set(domain, []).get(domain)!).push(node);
        }
      }
    }
  }
  const uf = new UnionFind(names.size);
  for (const nodes of domainNodes.values()) for (const n of nodes) uf.union(nodes[0]!, n);
  const keysOf = new Map<number, string[]>();
  for (const [key, node] of names) {
    const root = uf.find(node);
    (keysOf.get(root) ?? keysOf.set(root, []).get(root)!).push(key);
  }
  const groups = new Map<number, typeof contacts>();
  for (const c of contacts) {
    const root = uf.find(c.node);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(c);
  }
  const organizations: Organization[] = [];
  const organizationsOf = new Map<string, string[]>();
  for (const [root, group] of groups) {
    const keys = keysOf.get(root)!.sort();
    const id = `O-${(hashString(keys[0]!) >>> 0).toString(36)}-${slug(keys[0]!)}`;
    const nameCounts = new Map<string, number>();
    for (const c of group) nameCounts.set(c.record.organizationName!, (nameCounts.get(c.record.organizationName!) ?? 0) + 1);
    const name = [...nameCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const departments = new Map<string, { id: string; name: string }>();
    const contactOf = new Map<string, { personId: string; departmentId?: string; jobTitle?: string; latest: number }>();
    const addresses = new Map<string, Address>();
    for (const c of group) {
      let departmentId: string | undefined;
      if (c.record.department !== undefined) {
        const dKey = normalizeName(c.record.department);
        if (dKey !== "") {
          if (!departments.has(dKey)) departments.set(dKey, { id: `${id}/${slug(dKey)}`, name: c.record.department });
          departmentId = departments.get(dKey)!.id;
        }
      }
      const when = (c.record.updatedAt ?? c.record.createdAt)?.getTime() ?? Number.NEGATIVE_INFINITY;
      const personId = c.member.person.id;
      const existing = contactOf.get(personId);
      if (existing === undefined || when > existing.latest) {
        contactOf.set(personId, {
          personId,
          ...(departmentId !== undefined ? { departmentId } : existing?.departmentId !== undefined ? { departmentId: existing.departmentId } : {}),
          ...(c.record.jobTitle !== undefined ? { jobTitle: c.record.jobTitle } : existing?.jobTitle !== undefined ? { jobTitle: existing.jobTitle } : {}),
          latest: when,
        });
      }
      for (const a of c.record.addresses) {
        const line = addressLine(addressCacheKey(a));
        if (line !== "" && !addresses.has(line)) addresses.set(line, a);
      }
    }
    organizations.push({
      id,
      name,
      departments: [...departments.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      contacts: [...contactOf.values()]
        .sort((a, b) => (a.personId < b.personId ? -1 : 1))
        .map(({ latest: _latest, ...contact }) => ({ ...contact, roles: [] })),
      addresses: [...addresses.values()].map(copyAddress),
      attributes: Object.create(null) as Organization["attributes"],
    });
    for (const personId of contactOf.keys()) {
      const list = organizationsOf.get(personId) ?? organizationsOf.set(personId, []).get(personId)!;
      if (!list.includes(id)) list.push(id);
    }
  }
  organizations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const list of organizationsOf.values()) list.sort();
  return { organizations, organizationsOf };
}
