import { describe, expect, it } from "vitest";
import { callbackTarget } from "./callback-url";

describe("callbackTarget", () => {
  it("should split the locale off a localized path so the router adds it only once", () => {
    expect(callbackTarget("/en/dashboard")).toEqual({ path: "/dashboard", locale: "en" });
    expect(callbackTarget("/zh/practice/topic/handshake?x=1#top")).toEqual({ path: "/practice/topic/handshake?x=1#top", locale: "zh" });
    expect(callbackTarget("/en")).toEqual({ path: "/", locale: "en" });
  });

  it("should keep a path without a locale as it is", () => {
    expect(callbackTarget("/dashboard")).toEqual({ path: "/dashboard" });
    expect(callbackTarget("/english-notes")).toEqual({ path: "/english-notes" });
  });

  it("should refuse anything that leaves the site", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "dashboard", "/\u0000x", undefined]) {
      expect(callbackTarget(bad)).toEqual({ path: "/dashboard" });
    }
  });
});
