import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { awsConfigSchema } from "./api.config.ts";

/**
 * What every worker Lambda reads. Each worker's schema (`<worker>.config.ts`) adds only the variables
 * it uses (a worker that cannot reach Experian should not need its secrets); the definitions are the
 * API's, picked by name, so a variable means one thing.
 */
export const workerConfigBase = commonConfigSchema.extend({
  ...awsConfigSchema.pick({ AWS_REGION: true, DYNAMODB_ENDPOINT: true }).shape,
});
