/**
 * The string fields of request bodies as zod schemas. The rules themselves
 * (trimming, lengths, control characters, the email syntax) and their texts
 * are the contract's, from src/contract/rules.ts; zod applies them and
 * collects every broken one (src/utils/validation.ts).
 */

import { z } from "zod";

import { RULES, checkDescription, checkEmail, checkName, type Checked } from "../contract/rules";

/** A JSON string; a missing field is "is required", any other type or null "must be a string". */
function jsonString(): z.ZodString {
  return z.string({
    error: (issue) => (issue.input === undefined ? RULES.required : RULES.string),
  });
}

/** A transform that checks the string with check and gives its trimmed value. */
function checkedBy(check: (raw: string) => Checked) {
  return (raw: string, ctx: z.RefinementCtx): string => {
    const checked = check(raw);
    if ("rule" in checked) {
      ctx.addIssue({ code: "custom", message: checked.rule });
      return z.NEVER;
    }
    return checked.value;
  };
}

/** A name: trimmed, 1 to 100 characters, no control characters. */
export const nameField = jsonString().transform(checkedBy(checkName));

/** An email: trimmed, at most 254 characters of the address syntax. */
export const emailField = jsonString().transform(checkedBy(checkEmail));

/** A description: null (none) or a trimmed string of 1 to 1000 characters. */
export const descriptionField = jsonString().transform(checkedBy(checkDescription)).nullable();

/** The error of a body that is not a JSON object. */
export const objectError = { error: RULES.object };
