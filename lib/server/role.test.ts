import { describe, expect, it } from "vitest";
import * as enums from "./generated/sqlite/enums";
import { ROLE_RANK, ROLES, roleAtLeast } from "@/lib/core/role";

// lib/core/role.ts restates the enum so nothing outside lib/server imports the generated client.
describe("Role", () => {
  it("should list exactly the roles of prisma/schema.prisma", () => {
    expect([...ROLES].sort()).toEqual(Object.values(enums.Role).sort());
  });

  it("should rank every role above the ones it includes", () => {
    expect(roleAtLeast("ADMIN", "INSTRUCTOR")).toBe(true);
    expect(roleAtLeast("INSTRUCTOR", "STUDENT")).toBe(true);
    expect(roleAtLeast("STUDENT", "INSTRUCTOR")).toBe(false);
    expect(roleAtLeast("INSTRUCTOR", "ADMIN")).toBe(false);
    expect(new Set(Object.values(ROLE_RANK)).size).toBe(ROLES.length);
  });
});
