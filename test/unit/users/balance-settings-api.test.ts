import { balanceSettingsApiSuite } from "../../suites/users/balance-settings-api.suite.ts";

balanceSettingsApiSuite("the embedded store");
