/** Shared test data of the identity tests (not a test file). */
import { generateCrmDataset } from "../../src/synth/index.js";

/** A small generated data set with ground truth (seeded, so every run is the same), with more business contacts than the default so that organizations occur. */
export function smallDataset(customers = 120, seed = 5) {
  return generateCrmDataset({ seed, customers, interactions: false, organizationShare: 0.15 });
}

/** Hand-written records: three people, two of them in one household, one written in Chinese. */
export const HANDMADE: readonly Record<string, unknown>[] = [
  {
    sourceSystem: "web",
    sourceId: "W1",
    givenName: "Robert",
    familyName: "Smith",
    emails: ["Robert.Smith+shop@gmail.com"],
    phones: ["+44 20 7946 0018"],
    addresses: [{ lines: ["12 High Street"], city: "London", postcode: "N1 9GU", country: "GB" }],
    birthDate: "1980-04-12",
    updatedAt: "2024-03-01",
  },
  {
    sourceSystem: "pos",
    sourceId: "P1",
    givenName: "Bob",
    familyName: "SMITH",
    emails: ["robertsmith@gmail.com"],
    phones: ["020 7946 0018"],
    addresses: [{ lines: ["12 High St"], city: "London", postcode: "n19gu", country: "UK" }],
    birthDate: "12/04/1980",
    updatedAt: "2023-01-01",
  },
  {
    sourceSystem: "callcentre",
    sourceId: "C1",
    fullName: "SMITH Robert",
    phones: ["+442079460018"],
    updatedAt: "2022-06-01",
  },
  {
    sourceSystem: "web",
    sourceId: "W2",
    givenName: "Mary",
    familyName: "Smith",
    emails: ["mary.smith@outlook.com"],
    addresses: [{ lines: ["12 High Street"], city: "London", postcode: "N1 9GU", country: "GB" }],
    birthDate: "1982-09-30",
  },
  {
    sourceSystem: "pos",
    sourceId: "P2",
    givenName: "Mary",
    familyName: "Smith",
    emails: ["mary.smith@outlook.com"],
    phones: ["07700 900123"],
    addresses: [{ lines: ["12 High St"], postcode: "N1 9GU", country: "GB" }],
  },
  { sourceSystem: "web", sourceId: "W3", givenName: "學", familyName: "陳", emails: ["chen.xue@qq.com"], birthDate: "1975-02-03" },
  { sourceSystem: "card", sourceId: "K3", givenName: "学", familyName: "陈", emails: ["chen.xue@qq.com"], birthDate: "1975-02-03" },
];
