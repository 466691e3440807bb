import { HttpProblem } from "../../contract/problem";
import { checkName } from "../../contract/rules";
import { ContractField } from "../validation/contract-field";
import { ContractValidationPipe, pointerTo } from "./contract-validation.pipe";

class ThingDto {
  @ContractField(checkName, { required: true })
  name!: string;
}

async function errorsOf(value: unknown): Promise<unknown> {
  try {
    await new ContractValidationPipe().transform(value, { type: "body", metatype: ThingDto });
  } catch (err) {
    if (err instanceof HttpProblem) {
      return err.errors;
    }
    throw err;
  }
  return undefined;
}

describe("ContractValidationPipe", () => {
  it("answers the DTO with its fields trimmed", async () => {
    const dto = await new ContractValidationPipe().transform(
      { name: "  Ada \u00a0" },
      { type: "body", metatype: ThingDto },
    );
    expect(dto).toBeInstanceOf(ThingDto);
    expect(dto).toEqual(Object.assign(new ThingDto(), { name: "Ada" }));
  });

  it("reports every invalid and unknown field at once, each with its first broken rule", async () => {
    expect(await errorsOf({ name: "", role: "admin", __proto__: 1 })).toEqual([
      { pointer: "#/role", detail: "is not a known field" },
      { pointer: "#/name", detail: "must be 1 to 100 characters" },
    ]);
    expect(await errorsOf(JSON.parse('{"__proto__": {"name": "x"}}'))).toEqual([
      { pointer: "#/__proto__", detail: "is not a known field" },
      { pointer: "#/name", detail: "is required" },
    ]);
    expect(await errorsOf({ name: ["x"] })).toEqual([
      { pointer: "#/name", detail: "must be a string" },
    ]);
  });

  it("leaves bodies of other classes and other arguments alone", async () => {
    const pipe = new ContractValidationPipe();
    expect(await pipe.transform("7", { type: "param", metatype: String })).toBe("7");
    expect(await pipe.transform({ x: 1 }, { type: "body", metatype: Object })).toEqual({ x: 1 });
  });
});

describe("pointerTo", () => {
  it("writes a JSON Pointer in URI fragment form", () => {
    expect(pointerTo("name")).toBe("#/name");
    expect(pointerTo("a/b~c")).toBe("#/a~1b~0c");
    expect(pointerTo("with space")).toBe("#/with%20space");
  });
});
