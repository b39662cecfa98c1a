/**
 * `{stage}-user-phone-numbers` and `{stage}-user-balance-settings` in the legacy region (seed 000 keeps
 * them in us-east-1, apart from the primary table; the API reads them with `LEGACY_TABLES_REGION`).
 * Nothing is exported: the stateless stack grants on them by ARN, so no cross-region reference exists.
 */
import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import {
  balanceSettingsTable,
  phoneNumbersTable,
} from "../../../src/users/adapters/dynamodb/users.tables.ts";
import type { StageConfig } from "../shared/stage.config.ts";
import { TableFromSpec } from "../shared/table-from-spec.construct.ts";

export const legacyTableSpecs = [phoneNumbersTable, balanceSettingsTable] as const;

export interface UsersLegacyTablesStackProps extends StackProps {
  readonly config: StageConfig;
}

export class UsersLegacyTablesStack extends Stack {
  constructor(scope: Construct, id: string, props: UsersLegacyTablesStackProps) {
    super(scope, id, props);
    for (const spec of legacyTableSpecs) {
      new TableFromSpec(this, spec.name, {
        stage: props.config.stage,
        spec,
        deletionProtection: props.config.production,
      });
    }
  }
}
