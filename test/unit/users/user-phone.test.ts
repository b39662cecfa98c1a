import { userPhoneSuite } from "../../suites/users/user-phone.suite.ts";

userPhoneSuite("the embedded store");
