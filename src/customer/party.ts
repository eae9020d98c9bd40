import { z } from "zod";
import { AddressSchema } from "./source-record.js";
import { CurrencySchema } from "./money.js";
import {
  AttributesSchema,
  DateSchema,
  GenderSchema,
  IdSchema,
  OptionalDateSchema,
  OptionalTextSchema,
  TextListSchema,
} from "./primitives.js";

/**
 * A reference to a source record: the system and the record's id there.
 *
 * @example
 * ```ts
 * SourceRefSchema.parse({ sourceSystem: "webshop", sourceId: "W-1001" });
 * ```
 */
export const SourceRefSchema = z.object({
  /** The source system. */
  sourceSystem: IdSchema,
  /** The record's id in that system. */
  sourceId: IdSchema,
});
/** A reference to a source record; see {@link SourceRefSchema}. */
export type SourceRef = z.infer<typeof SourceRefSchema>;

/**
 * One real person: the customer view that identity resolution builds from all the source records
 * that describe them (the "golden record"). Each field holds the surviving value.
 *
 * @example
 * ```ts
 * PersonSchema.parse({
 *   id: "P-1",
 *   givenName: "Robert",
 *   familyName: "Smith",
 *   emails: ["bob.smith@example.com"],
 *   sourceRecords: [{ sourceSystem: "webshop", sourceId: "W-1001" }],
 * });
 * ```
 */
export const PersonSchema = z.object({
  /** Stable person (entity) id. */
  id: IdSchema,
  /** Honorific or title. */
  honorific: OptionalTextSchema,
  /** Given name. */
  givenName: OptionalTextSchema,
  /** Family name. */
  familyName: OptionalTextSchema,
  /** Whole name for display, in the person's own script and order. */
  fullName: OptionalTextSchema,
  /** Birth date, ISO `YYYY-MM-DD`. */
  birthDate: z.iso.date().optional(),
  /** Gender. */
  gender: GenderSchema,
  /** Email addresses, preferred first. */
  emails: TextListSchema,
  /** Phone numbers (E.164 where known), preferred first. */
  phones: TextListSchema,
  /** Postal addresses, current first. */
  addresses: z.array(AddressSchema).default([]),
  /** The household the person belongs to, if any. */
  householdId: IdSchema.optional(),
  /** The organizations the person is a contact of. */
  organizationIds: z.array(IdSchema).default([]),
  /** The source records that describe this person. */
  sourceRecords: z.array(SourceRefSchema).default([]),
  /** Free attributes. */
  attributes: AttributesSchema,
});
/** One real person; see {@link PersonSchema}. */
export type Person = z.infer<typeof PersonSchema>;

/**
 * A member's role in a household.
 *
 * @example
 * ```ts
 * HouseholdRoleSchema.parse("partner");
 * ```
 */
export const HouseholdRoleSchema = z.enum(["head", "partner", "child", "dependant", "other"]);
/** A member's role in a household; see {@link HouseholdRoleSchema}. */
export type HouseholdRole = z.infer<typeof HouseholdRoleSchema>;

/**
 * A household: several people who share an address and decide or spend together — a family is
 * both spouses and their children, not one of them. Members stay separate persons; the household
 * groups them so that value can be rolled up and contacts coordinated.
 *
 * @example
 * ```ts
 * HouseholdSchema.parse({
 *   id: "H-1",
 *   name: "Smith",
 *   members: [{ personId: "P-1", role: "head" }, { personId: "P-2", role: "partner" }],
 *   address: { lines: ["12 High Street"], city: "London", postcode: "N1 9GU" },
 * });
 * ```
 */
export const HouseholdSchema = z.object({
  /** Stable household id. */
  id: IdSchema,
  /** Display name, usually the shared family name. */
  name: OptionalTextSchema,
  /** The people in the household (at least one), each with an optional role. */
  members: z
    .array(
      z.object({
        /** The member's person id. */
        personId: IdSchema,
        /** The member's role, when known. */
        role: HouseholdRoleSchema.optional(),
      }),
    )
    .min(1, "a household has at least one member"),
  /** The shared address. */
  address: AddressSchema.optional(),
  /** Accounts held by the household as a whole (joint accounts). */
  accountIds: TextListSchema,
});
/** A household; see {@link HouseholdSchema}. */
export type Household = z.infer<typeof HouseholdSchema>;

/**
 * A contact's role in a business purchase decision (the buying-centre roles of Webster & Wind,
 * 1972). Several contacts, in several departments, may hold the `decider` role.
 *
 * @example
 * ```ts
 * DecisionRoleSchema.parse("decider");
 * ```
 */
export const DecisionRoleSchema = z.enum(["initiator", "user", "influencer", "decider", "approver", "buyer", "gatekeeper"]);
/** A contact's role in a purchase decision; see {@link DecisionRoleSchema}. */
export type DecisionRole = z.infer<typeof DecisionRoleSchema>;

/**
 * An organization customer (a company, an agency, a school) with its departments and the people
 * who act for it. In a company several departments can decide, so decision roles belong to
 * contacts, and a department may have several deciders.
 *
 * @example
 * ```ts
 * OrganizationSchema.parse({
 *   id: "O-1",
 *   name: "Acme Ltd",
 *   departments: [{ id: "D-1", name: "Purchasing" }, { id: "D-2", name: "IT" }],
 *   contacts: [
 *     { personId: "P-7", departmentId: "D-1", roles: ["buyer"] },
 *     { personId: "P-8", departmentId: "D-2", roles: ["decider", "user"] },
 *   ],
 * });
 * ```
 */
export const OrganizationSchema = z.object({
  /** Stable organization id. */
  id: IdSchema,
  /** Legal or trading name. */
  name: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().min(1).max(1_000)),
  /** Parent organization, for groups of companies. */
  parentId: IdSchema.optional(),
  /** Registration or tax number, when known. */
  registrationId: OptionalTextSchema,
  /** Departments; a department may sit inside another. */
  departments: z
    .array(
      z.object({
        /** Department id, unique within the organization. */
        id: IdSchema,
        /** Department name. */
        name: z.string().min(1).max(1_000),
        /** The department this one belongs to. */
        parentDepartmentId: IdSchema.optional(),
      }),
    )
    .default([]),
  /** People who act for the organization. */
  contacts: z
    .array(
      z.object({
        /** The contact's person id. */
        personId: IdSchema,
        /** The contact's department, when known. */
        departmentId: IdSchema.optional(),
        /** Job title. */
        jobTitle: OptionalTextSchema,
        /** Roles in purchase decisions. */
        roles: z.array(DecisionRoleSchema).default([]),
      }),
    )
    .default([]),
  /** Addresses of the organization's sites. */
  addresses: z.array(AddressSchema).default([]),
  /** Free attributes. */
  attributes: AttributesSchema,
});
/** An organization customer; see {@link OrganizationSchema}. */
export type Organization = z.infer<typeof OrganizationSchema>;

/**
 * What kind of party owns an account or is referred to by a transaction.
 *
 * @example
 * ```ts
 * PartyKindSchema.parse("household");
 * ```
 */
export const PartyKindSchema = z.enum(["person", "household", "organization", "source-record"]);
/** What kind of party; see {@link PartyKindSchema}. */
export type PartyKind = z.infer<typeof PartyKindSchema>;

/**
 * An account: one product holding (a current account, a mortgage, a loyalty card, a contract).
 * One person may hold many accounts and one account may have several owners.
 *
 * @example
 * ```ts
 * AccountSchema.parse({
 *   id: "A-77",
 *   productType: "current-account",
 *   owners: [{ partyId: "P-1", role: "primary" }, { partyId: "P-2", role: "joint" }],
 *   openedAt: "2019-05-01",
 *   status: "active",
 * });
 * ```
 */
export const AccountSchema = z.object({
  /** Account id, unique across the business. */
  id: IdSchema,
  /** Product type (`"current-account"`, `"mortgage"`, `"loyalty-card"`, `"subscription"`). */
  productType: z.string().min(1).max(200),
  /** The owners (at least one). `partyId` is a source record's id (`sourceId`), or a person, household or organization id, as `partyKind` says. */
  owners: z
    .array(
      z.object({
        /** The owner's id. */
        partyId: IdSchema,
        /** What the id refers to (default `"person"`). */
        partyKind: PartyKindSchema.default("person"),
        /** Ownership role. */
        role: z.enum(["primary", "joint", "authorized"]).default("primary"),
      }),
    )
    .min(1, "an account has at least one owner"),
  /** When the account was opened. */
  openedAt: DateSchema,
  /** When the account was closed, if it was. */
  closedAt: OptionalDateSchema,
  /** Current status. */
  status: z.enum(["pending", "active", "dormant", "suspended", "closed"]),
  /** The account's currency, for money-holding products. */
  currency: CurrencySchema.optional(),
  /** The system that holds the account. */
  sourceSystem: OptionalTextSchema,
  /** Free attributes. */
  attributes: AttributesSchema,
});
/** An account (product holding); see {@link AccountSchema}. */
export type Account = z.infer<typeof AccountSchema>;
