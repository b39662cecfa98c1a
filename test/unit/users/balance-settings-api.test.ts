import { balanceSettingsApiSuite } from "../../support/balance-settings-api.suite.ts";

balanceSettingsApiSuite("the embedded store");
