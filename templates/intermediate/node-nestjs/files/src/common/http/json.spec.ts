import { jsonInteger } from "./json";

describe("jsonInteger", () => {
  it("is a plain number while a number holds the id exactly", () => {
    expect(jsonInteger("42")).toBe(42);
    expect(jsonInteger("9007199254740991")).toBe(9007199254740991);
  });

  it("writes a larger id digit for digit", () => {
    for (const id of ["9007199254740993", "9223372036854775807"]) {
      expect(JSON.stringify({ id: jsonInteger(id) })).toBe(`{"id":${id}}`);
    }
  });
});
