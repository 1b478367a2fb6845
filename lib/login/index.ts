import "server-only";

export { beginLogin, type LoginStep, type LoginView } from "./flow";
export { initialLoginState, type LoginErrorKey, type LoginState } from "./state";
