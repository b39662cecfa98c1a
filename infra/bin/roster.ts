/**
 * The CDK app (cdk.json: `node infra/bin/roster.ts`). Without `--context stage=<name>` it builds every
 * configured stage, which is how `npm run synth` checks them all offline. cdk-nag's AWS Solutions checks
 * run on every synth: a finding that is neither fixed nor acknowledged with a reason fails it.
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { addRosterStages } from "../lib/roster.app.ts";
import { StageConfigError } from "../lib/shared/stage.config.ts";

const app = new App();
try {
  addRosterStages(app);
} catch (error) {
  if (!(error instanceof StageConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
