import { checkEmail, checkName } from "../../../contract/rules";
import { ContractField } from "../../../common/validation/contract-field";

/** The body of PATCH /api/v1/users/{id}: the fields to change, none required (null is not allowed). */
export class UpdateUserDto {
  @ContractField(checkName)
  name?: string;

  @ContractField(checkEmail)
  email?: string;
}
