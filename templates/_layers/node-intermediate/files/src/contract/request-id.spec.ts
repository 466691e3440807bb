import { requestIdFrom, requestIdFromRaw } from "./request-id";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it("keeps a well-formed id", () => {
    expect(requestIdFrom("abc-123._:XYZ")).toBe("abc-123._:XYZ");
    expect(requestIdFrom("a".repeat(128))).toBe("a".repeat(128));
  });
  it.each([undefined, "", "a".repeat(129), "has space", "ü", "a, b", ["a", "b"]])(
    "makes a new one for %j",
    (header) => {
      expect(requestIdFrom(header)).toMatch(UUID_V4);
    },
  );
  it("tells a header given twice from raw headers", () => {
    expect(requestIdFromRaw(["Host", "x", "X-Request-ID", "one"])).toBe("one");
    expect(requestIdFromRaw(["x-request-id", "one", "X-Request-Id", "one"])).toMatch(UUID_V4);
    expect(requestIdFromRaw([])).toMatch(UUID_V4);
  });
});
