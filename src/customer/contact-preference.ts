import { z } from "zod";
import { ChannelSchema, IdSchema } from "./primitives.js";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How, and how often, a customer wants to be contacted.
 *
 * @example
 * ```ts
 * ContactPreferenceSchema.parse({
 *   customerId: "P-1",
 *   preferredChannels: ["email", "sms"],
 *   maxContacts: [{ count: 2, per: "week" }, { count: 6, per: "month" }],
 *   quietHours: { start: "21:00", end: "08:00", timeZone: "Europe/London" },
 * });
 * ```
 */
export const ContactPreferenceSchema = z.object({
  /** The customer. */
  customerId: IdSchema,
  /** Channels in order of preference. */
  preferredChannels: z.array(ChannelSchema).default([]),
  /** Channels the customer does not want to be contacted through at all. */
  blockedChannels: z.array(ChannelSchema).default([]),
  /** Frequency caps: at most `count` outbound contacts per `per` (all apply together). */
  maxContacts: z
    .array(
      z.object({
        /** Largest number of contacts. */
        count: z.number().int().nonnegative(),
        /** The period the count applies to. */
        per: z.enum(["day", "week", "month", "quarter", "year"]),
      }),
    )
    .default([]),
  /** Local hours when the customer must not be contacted; may wrap midnight (21:00–08:00). */
  quietHours: z
    .object({
      /** Start, `HH:mm`, local time. */
      start: z.string().regex(HHMM, "expected HH:mm"),
      /** End, `HH:mm`, local time. */
      end: z.string().regex(HHMM, "expected HH:mm"),
      /** IANA time zone of the customer (`"Europe/London"`). */
      timeZone: z.string().refine(isTimeZone, { message: "expected an IANA time zone such as Europe/London" }),
    })
    .optional(),
  /** Preferred language, as a BCP 47 tag (`"en-GB"`, `"zh-Hant"`). */
  language: z.string().max(35).optional(),
});
/** How and how often a customer wants to be contacted; see {@link ContactPreferenceSchema}. */
export type ContactPreference = z.infer<typeof ContactPreferenceSchema>;
