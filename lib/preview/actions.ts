"use server";

import "server-only";
import type { DecisionState } from "@/lib/challenge/decision";
import type { LoginState } from "@/lib/login/state";
import type { StepUpState } from "@/lib/mfa/state";

// The preview's forms post here: sample screens never reach the authorization server or the
// identity store, so pressing a button in the preview changes nothing.

export async function previewLoginAction(previous: LoginState): Promise<LoginState> {
  return previous;
}

export async function previewStepUpAction(previous: StepUpState): Promise<StepUpState> {
  return previous;
}

export async function previewDecisionAction(previous: DecisionState): Promise<DecisionState> {
  return previous;
}
