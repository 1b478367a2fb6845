import "server-only";

export { beginLogout, STAYED_PATH, type LogoutStep, type LogoutView } from "./flow";
