import { userPhoneSuite } from "../../support/user-phone.suite.ts";

userPhoneSuite("the embedded store");
