import { membershipStatusSuite } from "../../suites/users/membership-status.suite.ts";

membershipStatusSuite("the embedded store");
