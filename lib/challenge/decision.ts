import type { FlowError } from "@/lib/challenge/problem";

// What the consent and logout actions hand back to their forms when they cannot redirect.
export type DecisionState = { status: "idle" } | { status: "error"; error: FlowError };

export const initialDecisionState: DecisionState = { status: "idle" };
