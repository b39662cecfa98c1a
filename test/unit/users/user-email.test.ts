import { userEmailSuite } from "../../suites/users/user-email.suite.ts";

userEmailSuite("the embedded store");
