import {
  RULES,
  checkDescription,
  checkEmail,
  checkName,
  isJsonContentType,
  offsetOf,
  parseId,
  parsePaging,
  trimSpace,
} from "./rules";

describe("parseId", () => {
  it.each(["1", "42", "9223372036854775807"])("accepts %s", (raw) => {
    expect(parseId(raw)).toBe(raw);
  });
  it.each([
    "",
    "0",
    "01",
    "-1",
    "+1",
    "1.0",
    "1e3",
    " 1",
    "9223372036854775808",
    "99999999999999999999",
    "١",
  ])("refuses %j", (raw) => {
    expect(parseId(raw)).toBeUndefined();
  });
});

describe("parsePaging", () => {
  it("applies the defaults and reads valid values", () => {
    expect(parsePaging("/api/v1/users")).toEqual({ page: 1, limit: 20 });
    expect(parsePaging("/api/v1/users?page=3&limit=100&other=x")).toEqual({ page: 3, limit: 100 });
    expect(parsePaging("/x?page=2147483647")).toEqual({ page: 2147483647, limit: 20 });
    expect(offsetOf({ page: 3, limit: 10 })).toBe(20);
  });

  it("refuses empty, repeated, signed, zero-led and out-of-range values", () => {
    for (const q of [
      "page=",
      "page=0",
      "page=01",
      "page=-1",
      "page=%2B1",
      "page=2147483648",
      "page=1&page=2",
      "page=1.5",
    ]) {
      expect(parsePaging(`/x?${q}`)).toEqual([{ parameter: "page", detail: RULES.page }]);
    }
    for (const q of ["limit=", "limit=0", "limit=101", "limit=5&limit=6", "limit=ten"]) {
      expect(parsePaging(`/x?${q}`)).toEqual([{ parameter: "limit", detail: RULES.limit }]);
    }
  });

  it("reports both parameters at once", () => {
    expect(parsePaging("/x?page=0&limit=0")).toEqual([
      { parameter: "page", detail: RULES.page },
      { parameter: "limit", detail: RULES.limit },
    ]);
  });
});

describe("string fields", () => {
  it("trims Unicode white space, as Go's strings.TrimSpace does", () => {
    expect(trimSpace("\u00a0\t Ada \u0085\u3000")).toBe("Ada");
    expect(trimSpace("\ufeffAda")).toBe("\ufeffAda");
  });

  it("checks names", () => {
    expect(checkName("  Ada Lovelace ")).toEqual({ value: "Ada Lovelace" });
    expect(checkName("é".repeat(100))).toEqual({ value: "é".repeat(100) });
    expect(checkName("😀".repeat(100))).toEqual({ value: "😀".repeat(100) });
    expect(checkName("a".repeat(101))).toEqual({ rule: RULES.name });
    expect(checkName("   ")).toEqual({ rule: RULES.name });
    expect(checkName("a\u0000b")).toEqual({ rule: RULES.control });
    expect(checkName("a\tb")).toEqual({ rule: RULES.control });
    expect(checkName("a\u007fb")).toEqual({ rule: RULES.control });
  });

  it("checks emails", () => {
    expect(checkEmail(" Ada@Example.com ")).toEqual({ value: "Ada@Example.com" });
    for (const bad of [
      "",
      "ada",
      "ada@",
      "@example.com",
      "ada@example",
      "ada@-example.com",
      "ädá@example.com",
      `${"a".repeat(65)}@example.com`,
    ]) {
      expect(checkEmail(bad)).toEqual({ rule: RULES.email });
    }
    expect(
      checkEmail(`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(60)}.com`),
    ).toEqual({ rule: RULES.email });
    expect(checkEmail("ada\u0001@example.com")).toEqual({ rule: RULES.control });
  });

  it("checks descriptions", () => {
    expect(checkDescription(" line one\nline\ttwo\r\n ")).toEqual({ value: "line one\nline\ttwo" });
    expect(checkDescription(" ")).toEqual({ rule: RULES.description });
    expect(checkDescription("x".repeat(1001))).toEqual({ rule: RULES.description });
    expect(checkDescription("x\u001by")).toEqual({ rule: RULES.control });
  });
});

describe("isJsonContentType", () => {
  it.each([
    "application/json",
    "Application/JSON",
    "application/json; charset=utf-8",
    'application/json;charset="UTF-8"',
  ])("accepts %j", (v) => {
    expect(isJsonContentType(v)).toBe(true);
  });
  it.each([
    undefined,
    "",
    "text/plain",
    "application/json; charset=latin1",
    "application/json; boundary=x",
    "application/jsonx",
    "application/json;",
  ])("refuses %j", (v) => {
    expect(isJsonContentType(v)).toBe(false);
  });
});
