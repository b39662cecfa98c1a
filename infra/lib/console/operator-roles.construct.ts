/**
 * The three roles the console calls the services' APIs as, one per console role, each assumable only
 * by the console's own Lambda role (which assumes them per operator, RoleSessionName = the operator):
 * `execute-api:Invoke` on exactly the routes of operator-routes.ts. Their names are fixed
 * (console.names.ts) so each API maps their sessions to `operator:*` by name.
 */
import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { operatorRoleName } from "./console.names.ts";
import type { ConsoleConfig } from "./console.settings.ts";
import {
  OPERATOR_ROLE_NAMES,
  OPERATOR_ROUTES,
  type OperatorRoleName,
  type OperatorRoute,
} from "./operator-routes.ts";

export interface OperatorRolesProps {
  readonly config: ConsoleConfig;
  /** The console Lambda's role: the only principal the roles trust. */
  readonly assumedBy: iam.IRole;
  /** What `execute-api:Invoke` on a route is granted on (the stage's API registry). */
  readonly executeApiArn: (route: OperatorRoute) => string;
}

export class OperatorRoles extends Construct {
  readonly roles: Readonly<Record<OperatorRoleName, iam.Role>>;

  constructor(scope: Construct, id: string, props: OperatorRolesProps) {
    super(scope, id);
    const { config } = props;
    const role = (name: OperatorRoleName) => {
      const made = new iam.Role(this, name, {
        roleName: operatorRoleName(config, name),
        description: `The console's ${name} operators calling the services' APIs (session name: the operator)`,
        assumedBy: new iam.ArnPrincipal(props.assumedBy.roleArn),
        maxSessionDuration: Duration.hours(1),
      });
      made.addToPolicy(
        new iam.PolicyStatement({
          actions: ["execute-api:Invoke"],
          resources: OPERATOR_ROUTES[name].map(props.executeApiArn),
        }),
      );
      return made;
    };
    this.roles = Object.fromEntries(OPERATOR_ROLE_NAMES.map((name) => [name, role(name)])) as Record<
      OperatorRoleName,
      iam.Role
    >;
  }
}
