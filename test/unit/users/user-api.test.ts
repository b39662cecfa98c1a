import { userApiSuite } from "../../suites/users/user-api.suite.ts";

userApiSuite("the embedded store");
