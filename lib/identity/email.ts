import { z } from "zod";

// An address as typed into registration and recovery (RFC 5321's 254-character path limit).

export const emailField = z.string().trim().max(254);
export const isEmail = (value: string) => z.email().safeParse(value).success;
