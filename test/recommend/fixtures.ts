/** Small hand-made purchase histories shared by the recommend tests. */
import type { ItemInteraction } from "../../src/recommend/index.js";

/** A purchase on a given day of January 2024. */
export function bought(customerId: string, itemId: string, day = 1, quantity?: number): ItemInteraction {
  return { customerId, itemId, timestamp: new Date(Date.UTC(2024, 0, day)), ...(quantity === undefined ? {} : { quantity }) };
}

/**
 * A record shop: jazz buyers buy jazz CDs together, rock buyers rock CDs; "jazz-1" and "jazz-2"
 * are bought together by four customers, "rock-1" and "rock-2" by three.
 */
export const shop: ItemInteraction[] = [
  bought("ann", "jazz-1", 1),
  bought("ann", "jazz-2", 1),
  bought("ann", "jazz-3", 5),
  bought("bob", "jazz-1", 2),
  bought("bob", "jazz-2", 3),
  bought("cat", "jazz-1", 2),
  bought("cat", "jazz-2", 2),
  bought("cat", "rock-1", 9),
  bought("dan", "jazz-2", 4),
  bought("dan", "jazz-1", 4),
  bought("dan", "jazz-3", 4),
  bought("eve", "rock-1", 1),
  bought("eve", "rock-2", 1),
  bought("fay", "rock-1", 3),
  bought("fay", "rock-2", 3),
  bought("gus", "rock-2", 6),
  bought("gus", "rock-1", 6),
  bought("gus", "rock-3", 7),
];
