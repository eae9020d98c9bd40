import { describe, expect, it } from "vitest";
import { SourceRecordSchema, type Person, type SourceRecord } from "../../src/customer/index.js";
import { buildGoldenRecord, groupHouseholds, groupOrganizations, type EntityMember } from "../../src/identity/index.js";

const member = (id: string, rows: object[]): EntityMember => {
  const records: SourceRecord[] = rows.map((r, k) => SourceRecordSchema.parse({ sourceSystem: "s", sourceId: `${id}-${k}`, ...r }));
  const person: Person = buildGoldenRecord(id, records).person;
  return { person, records };
};
const home = { lines: ["12 High Street"], postcode: "N1 9GU", city: "London" };

describe("groupHouseholds", () => {
  it("groups people who share an address and family name, a phone or an account, without merging them", () => {
    const members = [
      member("E-ann", [{ givenName: "Ann", familyName: "Smith", addresses: [home] }]),
      member("E-bob", [{ givenName: "Bob", familyName: "SMITH", addresses: [{ lines: ["12 High St"], postcode: "n19gu" }] }]),
      member("E-cy", [{ givenName: "Cy", familyName: "Jones", phones: ["+44 20 7946 0018"] }]),
      member("E-di", [{ givenName: "Di", familyName: "Brown", phones: ["+442079460018"], accountIds: ["ACC-9"] }]),
      member("E-ed", [{ givenName: "Ed", familyName: "Green", accountIds: ["ACC-9"] }]),
      member("E-fay", [{ givenName: "Fay", familyName: "Other", addresses: [home] }]),
    ];
    const { households, householdOf } = groupHouseholds(members);
    expect(householdOf.get("E-ann")).toBe(householdOf.get("E-bob"));
    expect(householdOf.get("E-cy")).toBe(householdOf.get("E-di"));
    expect(householdOf.get("E-di")).toBe(householdOf.get("E-ed"));
    expect(householdOf.get("E-fay")).not.toBe(householdOf.get("E-ann"));
    expect(households.map((h) => h.members.length).sort()).toEqual([1, 2, 3]);
    const smiths = households.find((h) => h.id === householdOf.get("E-ann"))!;
    expect(smiths.name?.toLowerCase()).toBe("smith");
    expect(households.find((h) => h.id === householdOf.get("E-ed"))!.accountIds).toEqual(["ACC-9"]);
  });

  it("names a household after its members' records and gives it their most common home address, whatever the person objects hold", () => {
    const ann = member("E-ann", [
      { givenName: "Ann", familyName: "Smith", phones: ["+44 20 7946 0018"], addresses: [home] },
      { givenName: "Ann", familyName: "Smith", organizationName: "Acme", addresses: [{ lines: ["1 Office Park"], postcode: "X1 1XX" }] },
    ]);
    const bob = member("E-bob", [{ givenName: "Bob", familyName: "Smith-Jones", phones: ["+442079460018"], addresses: [home] }]);
    const [household] = groupHouseholds([ann, bob]).households;
    expect(household!.members).toHaveLength(2);
    expect(household!.name).toBe("Smith");
    expect(household!.address?.lines).toEqual(["12 High Street"]);
    // only the person's id is read
    const bare = groupHouseholds([ann, bob].map((m) => ({ person: { id: m.person.id }, records: m.records }))).households;
    expect(bare).toEqual([household]);
  });

  it("ignores work records and values shared by too many people", () => {
    const office = { lines: ["1 Office Park"], postcode: "X1 1XX" };
    const staff = Array.from({ length: 4 }, (_, k) =>
      member(`E-${k}`, [{ givenName: `P${k}`, familyName: "Same", organizationName: "Acme", phones: ["+44 20 7946 0999"], addresses: [office] }]),
    );
    const crowd = Array.from({ length: 12 }, (_, k) => member(`E-c${k}`, [{ givenName: `C${k}`, familyName: "Crowd", phones: ["+44 20 7946 0555"] }]));
    const { households } = groupHouseholds([...staff, ...crowd], { maxSize: 10 });
    expect(households.every((h) => h.members.length === 1)).toBe(true);
  });

  it("refuses a maxSize below 2", () => {
    expect(() => groupHouseholds([], { maxSize: 1 })).toThrow(/maxSize/);
  });
});

describe("groupOrganizations", () => {
  it("groups contacts by organization name and company domain, with departments and job titles", () => {
    const members = [
      member("E-1", [{ givenName: "A", familyName: "A", organizationName: "Acme Ltd", department: "Purchasing", jobTitle: "Buyer", emails: ["a@acme.com"] }]),
      member("E-2", [{ givenName: "B", familyName: "B", organizationName: "ACME LIMITED", department: "IT", emails: ["b@acme.com"] }]),
      member("E-3", [{ givenName: "C", familyName: "C", organizationName: "Acme Trading", department: "purchasing", emails: ["c@acme.com"] }]),
      member("E-4", [{ givenName: "D", familyName: "D", organizationName: "Other Co", emails: ["d@gmail.com"] }]),
      member("E-5", [{ givenName: "E", familyName: "E", organizationName: "Another plc", emails: ["e@gmail.com"] }]),
    ];
    const { organizations, organizationsOf } = groupOrganizations(members);
    expect(organizations.length).toBe(3);
    const acme = organizations.find((o) => o.contacts.length === 3)!;
    expect(acme.name).toMatch(/acme/i);
    expect(acme.departments.map((d) => d.name).sort()).toEqual(["IT", "Purchasing"]);
    expect(acme.contacts.find((c) => c.personId === "E-1")).toMatchObject({ jobTitle: "Buyer", departmentId: acme.departments.find((d) => d.name === "Purchasing")!.id });
    expect(organizationsOf.get("E-4")).not.toEqual(organizationsOf.get("E-5"));
    expect(groupOrganizations(members, { byEmailDomain: false }).organizations.length).toBe(4);
  });
});
