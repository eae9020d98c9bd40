import { z } from "zod";
import { ChannelSchema, DateSchema, IdSchema, OptionalDateSchema, OptionalTextSchema } from "./primitives.js";

/**
 * A customer's recorded permission (or refusal) to be contacted through a channel for a purpose.
 * Consents are facts with a history: the latest captured consent valid at a given time decides.
 *
 * @example
 * ```ts
 * ConsentSchema.parse({
 *   customerId: "P-1",
 *   channel: "email",
 *   purpose: "marketing",
 *   status: "granted",
 *   capturedAt: "2024-01-10T12:00:00Z",
 *   source: "webshop-signup",
 * });
 * ```
 */
export const ConsentSchema = z
  .object({
    /** The customer. */
    customerId: IdSchema,
    /** The channel the consent covers. */
    channel: ChannelSchema,
    /** The purpose (`"marketing"`, `"service"`, `"profiling"`, `"third-party"`, or your own). */
    purpose: z.string().trim().min(1).max(200),
    /** `granted`, `denied` (asked, said no) or `withdrawn` (said yes, later no). */
    status: z.enum(["granted", "denied", "withdrawn"]),
    /** When the consent was captured. */
    capturedAt: DateSchema,
    /** Where it was captured (form, call, store). */
    source: OptionalTextSchema,
    /** Start of validity; when not given, `capturedAt` is filled in. */
    validFrom: OptionalDateSchema,
    /** End of validity, if it expires. */
    validTo: OptionalDateSchema,
  })
  .refine(
    (c: { validTo?: unknown; validFrom?: unknown; capturedAt?: unknown }) => {
      const from = c.validFrom instanceof Date ? c.validFrom : c.capturedAt;
      return !(c.validTo instanceof Date && from instanceof Date && c.validTo < from);
    },
    { message: "validTo must not be before validFrom (or capturedAt when validFrom is not given)", path: ["validTo"], when: (p) => typeof p.value === "object" && p.value !== null },
  )
  .transform((c) => ({
    ...c,
    /** Start of validity: as given, or `capturedAt`. */
    validFrom: c.validFrom ?? c.capturedAt,
  }));
/** A recorded consent; see {@link ConsentSchema}. */
export type Consent = z.infer<typeof ConsentSchema>;
