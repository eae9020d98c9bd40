import { z } from "zod";
import { CurrencySchema, MinorUnitsSchema } from "./money.js";
import { AttributesSchema, ChannelSchema, DateSchema, IdSchema, OptionalTextSchema } from "./primitives.js";

/**
 * What kind of contact an interaction was.
 *
 * @example
 * ```ts
 * InteractionTypeSchema.parse("complaint");
 * ```
 */
export const InteractionTypeSchema = z.enum([
  "service-call",
  "complaint",
  "inquiry",
  "compliment",
  "visit",
  "web-visit",
  "campaign-sent",
  "campaign-opened",
  "campaign-clicked",
  "campaign-responded",
  "opt-out",
  "survey",
  "other",
]);
/** What kind of contact; see {@link InteractionTypeSchema}. */
export type InteractionType = z.infer<typeof InteractionTypeSchema>;

/**
 * One contact between the business and a customer, in either direction, through any channel.
 * The interaction history is what lets every channel remember the customer.
 *
 * @example
 * ```ts
 * InteractionSchema.parse({
 *   id: "I-9",
 *   customerId: "P-1",
 *   timestamp: "2024-03-06T09:12:00Z",
 *   channel: "call-centre",
 *   direction: "inbound",
 *   type: "complaint",
 *   outcome: "resolved",
 *   costMinor: 450,
 *   currency: "EUR",
 *   context: "order 1001 arrived damaged",
 * });
 * ```
 */
export const InteractionSchema = z
  .object({
    /** Interaction id. */
    id: IdSchema,
    /** The customer involved. */
    customerId: IdSchema,
    /** When it happened. */
    timestamp: DateSchema,
    /** The channel. */
    channel: ChannelSchema,
    /** `inbound` when the customer reached out, `outbound` when we did. */
    direction: z.enum(["inbound", "outbound"]),
    /** What kind of contact it was. */
    type: InteractionTypeSchema,
    /** How it ended, in the source's words (`"resolved"`, `"escalated"`, `"converted"`). */
    outcome: OptionalTextSchema,
    /** The campaign this contact belongs to, for campaign events. */
    campaignId: IdSchema.optional(),
    /** Cost to serve this contact, in minor units of `currency`. */
    costMinor: MinorUnitsSchema.refine((n) => n >= 0, { message: "cost must be ≥ 0" }).optional(),
    /** Currency of `costMinor`; required when a cost is given. */
    currency: CurrencySchema.optional(),
    /** Where or about what: the store, venue, page, product or order concerned. */
    context: OptionalTextSchema,
    /** Duration in seconds, for calls and visits. */
    durationSeconds: z.number().nonnegative().finite().optional(),
    /** Free attributes. */
    attributes: AttributesSchema,
  })
  .refine((i: { costMinor?: unknown; currency?: unknown }) => i.costMinor === undefined || i.currency !== undefined, {
    message: "a cost needs its currency",
    path: ["currency"],
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });
/** One contact with a customer; see {@link InteractionSchema}. */
export type Interaction = z.infer<typeof InteractionSchema>;
