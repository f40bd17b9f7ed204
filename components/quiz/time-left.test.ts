import { describe, expect, it } from "vitest";
import { minutesAndSeconds, warningLevel } from "./time-left";

describe("the exam countdown's warnings", () => {
  it("should warn once 5 minutes are left, again at 1 minute, not before", () => {
    expect(warningLevel(5 * 60_000 + 1)).toBe(-1);
    expect(warningLevel(5 * 60_000)).toBe(0);
    expect(warningLevel(61_000)).toBe(0);
    expect(warningLevel(60_000)).toBe(1);
    expect(warningLevel(1)).toBe(1);
  });

  it("should say the time actually left: 3:20 is 3 minutes 20 seconds, not five minutes", () => {
    expect(minutesAndSeconds(200_000)).toEqual({ minutes: 3, seconds: 20 });
    expect(minutesAndSeconds(5 * 60_000)).toEqual({ minutes: 5, seconds: 0 });
    expect(minutesAndSeconds(59_600)).toEqual({ minutes: 1, seconds: 0 });
    expect(minutesAndSeconds(199_200)).toEqual({ minutes: 3, seconds: 20 });
    expect(minutesAndSeconds(-5)).toEqual({ minutes: 0, seconds: 0 });
  });
});
