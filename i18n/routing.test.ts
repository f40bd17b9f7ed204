import { describe, expect, it } from "vitest";
import { localePath, switchLocalePath } from "./routing";

describe("localePath", () => {
  it("should prefix a path with its locale", () => {
    expect(localePath("en", "/lessons/time-wait")).toBe("/en/lessons/time-wait");
    expect(localePath("zh", "/signin?signedOut=1")).toBe("/zh/signin?signedOut=1");
  });

  it("should map the home page to the bare locale, as next-intl's Link does", () => {
    expect(localePath("zh", "/")).toBe("/zh");
  });
});

describe("switchLocalePath", () => {
  it("should keep the page and change only the locale segment", () => {
    expect(switchLocalePath("/zh/lessons/time-wait", "en")).toBe("/en/lessons/time-wait");
    expect(switchLocalePath("/en/teach/quizzes/abc", "zh")).toBe("/zh/teach/quizzes/abc");
  });

  it("should switch the home page", () => {
    for (const home of ["/en", "/en/"]) expect(switchLocalePath(home, "zh")).toBe("/zh");
  });
});
