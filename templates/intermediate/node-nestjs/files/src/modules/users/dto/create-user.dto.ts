import { checkEmail, checkName } from "../../../contract/rules";
import { ContractField } from "../../../common/validation/contract-field";

/** The body of POST /api/v1/users: name and email, both required. */
export class CreateUserDto {
  @ContractField(checkName, { required: true })
  name!: string;

  @ContractField(checkEmail, { required: true })
  email!: string;
}
