import { userMlaSuite } from "../../suites/users/user-mla.suite.ts";

userMlaSuite("the embedded store");
